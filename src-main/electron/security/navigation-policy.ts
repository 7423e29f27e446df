import { parseAppUrl } from '../../../src-shared/app-origin';

/** The only documents the window may show: the app's own page. */
const DOCUMENT_PATHS: ReadonlySet<string> = new Set(['/', '/index.html']);

/**
 * `will-navigate` and `will-redirect`: the renderer is a single-page app, so the only legitimate
 * navigation is a reload of its own document (the renderer's `location.reload()`, or the crash
 * recovery reload that adds a query flag). Everything else, including other files of the app origin,
 * is denied: a page that loads a different document from our origin is not one we built.
 */
export function isAllowedNavigation(url: unknown): boolean {
  const parsed = parseAppUrl(url);
  return parsed !== null && DOCUMENT_PATHS.has(parsed.pathname);
}
