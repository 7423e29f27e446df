/**
 * Papertape needs no browser permission: no camera, microphone, notifications, geolocation,
 * clipboard reads, MIDI, HID, serial, USB, fullscreen requests from the page or anything a future
 * Chromium adds. Both the asynchronous request and the synchronous check say no, whoever asks.
 */
export function permissionRequestDecision(_permission: unknown, _requestingUrl?: unknown): false {
  return false;
}

export function permissionCheckDecision(_permission: unknown, _requestingOrigin?: unknown): false {
  return false;
}

/** Device pickers (HID, serial, USB, Bluetooth) get no device, ever. */
export function devicePermissionDecision(_details: unknown): false {
  return false;
}
