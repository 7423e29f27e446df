import { parseAppUrl } from '../../../src-shared/app-origin';

export interface RequestDecision {
  cancel: boolean;
}

/**
 * `session.webRequest.onBeforeRequest`: only the app's own protocol on the app host may load. Every
 * other scheme (http, https, ws, file, data, blob, devtools, chrome-extension, ...) and every other
 * host of our scheme is cancelled. The path is not judged here: the protocol handler's traversal guard
 * answers 404 for anything outside the renderer folder.
 */
export function requestDecision(url: unknown, opts: { allowDevTools?: boolean } = {}): RequestDecision {
  if (opts.allowDevTools === true && isDevToolsUrl(url)) return { cancel: false };
  return { cancel: parseAppUrl(url) === null };
}

/** Unpackaged development builds keep DevTools usable; packaged builds never pass this option. */
function isDevToolsUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    return new URL(url).protocol === 'devtools:';
  } catch {
    return false;
  }
}
