import { APP_ORIGIN } from '../../../src-shared/app-identity';

/** Longer than any URL the app itself makes; refusing early keeps the parser away from hostile input. */
export const MAX_URL_LENGTH = 4096;

/**
 * Parses a URL and returns it only when it is on exactly the app's origin. WHATWG URL is the parser
 * Chromium uses, so `papertape://app@evil/`, `papertape://app.evil/`, `papertape:app` or a backslash
 * trick cannot pass where a prefix comparison would. A NUL or other control character anywhere in the
 * raw string, a backslash, or surrounding white space is refused before parsing, because parsers
 * disagree on stripping and converting them.
 */
export function parseAppUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(raw) || raw.trim() !== raw) return null;
  let url: URL;
  let origin: URL;
  try {
    url = new URL(raw);
    origin = new URL(APP_ORIGIN);
  } catch {
    return null;
  }
  if (url.protocol !== origin.protocol || url.host !== origin.host || url.host === '') return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  return url;
}
