import { APP_ORIGIN } from './app-identity';

/** Longer than any URL the app itself makes; refusing early keeps the parser away from hostile input. */
export const MAX_URL_LENGTH = 4096;

/**
 * The one origin predicate: the request filter, navigation, the protocol handler and the IPC
 * sender check all ask it. Parses a URL and returns it only when it is on exactly the given origin
 * (the app's by default; the e2e harness serves the page from its own). WHATWG URL is the parser
 * Chromium uses, so `papertape://app@evil/`, `papertape://app.evil/`, `papertape:app` or a backslash
 * trick cannot pass where a prefix comparison would. A NUL or other control character anywhere in
 * the raw string, a backslash, or surrounding white space is refused before parsing, because parsers
 * disagree on stripping and converting them. Credentials and any port (even one the origin's scheme
 * would drop as its default) are refused: the app never makes such a URL.
 */
export function parseOriginUrl(raw: unknown, origin: string = APP_ORIGIN): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(raw) || raw.trim() !== raw) return null;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return null;
  }
  // Scheme and authority byte for byte as the app writes them: no userinfo, port, other case or
  // percent-encoding, which a parser would otherwise normalise into the same origin (or not).
  const prefix = `${base.protocol}//${base.host}`;
  if (base.host === '' || !raw.startsWith(prefix) || !/^(?:[/?#]|$)/.test(raw.slice(prefix.length))) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== base.protocol || url.host !== base.host) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  return url;
}

/** `parseOriginUrl` for the app's own origin: what the desktop shell's policies ask. */
export function parseAppUrl(raw: unknown): URL | null {
  return parseOriginUrl(raw, APP_ORIGIN);
}

export function isOriginUrl(raw: unknown, origin: string = APP_ORIGIN): boolean {
  return parseOriginUrl(raw, origin) !== null;
}
