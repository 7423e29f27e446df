/**
 * `setWindowOpenHandler`: no new window, ever, whatever the URL or disposition. The app has no
 * external links; a link that would open one is a defect, and opening it in the system browser
 * would be a network request the product promises not to make.
 */
export function windowOpenDecision(_details?: unknown): { action: 'deny' } {
  return { action: 'deny' };
}
