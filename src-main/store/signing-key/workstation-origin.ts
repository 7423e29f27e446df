const ORIGIN_PREFIX = 'papertape.local/ws-';

/** The workstation's origin: `papertape.local/ws-<first 16 hex of its first key's fingerprint>`. */
export function originOf(fingerprint: string): string {
  return `${ORIGIN_PREFIX}${fingerprint.slice(0, 16)}`;
}

/**
 * Whether an origin names the key with this fingerprint as the workstation's first key. An origin not
 * made by `originOf` (a test's, or one fixed by an older naming rule) names no key and is not checked.
 */
export function originNamesKey(origin: string, fingerprint: string): boolean {
  return !origin.startsWith(ORIGIN_PREFIX) || origin === originOf(fingerprint);
}
