/**
 * True only for a frame served from exactly the app's own origin. Parsing with WHATWG URL (the
 * same parser Chromium uses) means tricks like `papertape://app@evil/`, `papertape://app.evil/`
 * or mixed case cannot pass a prefix comparison.
 */
export function isTrustedSenderUrl(url: string | null | undefined, trustedOrigin: string): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 4096) return false;
  let parsed: URL;
  let trusted: URL;
  try {
    parsed = new URL(url);
    trusted = new URL(trustedOrigin);
  } catch {
    return false;
  }
  return (
    parsed.protocol === trusted.protocol &&
    parsed.host === trusted.host &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.host !== ''
  );
}
