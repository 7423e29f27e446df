import type { BundleVerification } from './bundle-checks';

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' } as const;

/** The verdict line when every check holds but no key was pinned (all three verifiers print it and exit 3). */
export const UNPINNED_VERDICT =
  "UNPINNED: every check holds, but only against the key shipped inside the bundle, which anyone who rewrote it could have replaced; pin the analyst's key with --pubkey, or accept the bundled key knowingly with --trust-bundled-key";

/** Exit code of an unpinned verification that was not explicitly trusted: not a finding, and not success. */
export const EXIT_UNPINNED = 3;

/** Unpinned verification reports success only when asked to trust the bundled key. */
export function isUnpinnedUntrusted(v: BundleVerification, trustBundledKey: boolean): boolean {
  return v.ok && !v.keyPinned && !trustBundledKey;
}

/** One line per check, then the verdict; the same layout verify.py and verify.sh print. */
export function formatBundleVerification(v: BundleVerification, trustBundledKey = false): string {
  const lines = v.checks.map((c) => `${MARK[c.status]}  ${c.check.padEnd(20)} ${c.seq === undefined ? '' : `[seq ${c.seq}] `}${c.detail}`);
  const f = v.firstFailure;
  lines.push(
    isUnpinnedUntrusted(v, trustBundledKey)
      ? UNPINNED_VERDICT
      : v.ok
        ? `VERIFIED: ${v.bundle} (${v.size ?? '?'} events, root ${v.root ?? '?'})${v.keyPinned ? '' : ' -- with the bundled key only (--trust-bundled-key)'}`
        : `INTEGRITY FAILURE: ${f?.check ?? '?'}${f?.seq === undefined ? '' : ` at seq ${f.seq}`}: ${f?.detail ?? ''}`,
  );
  return lines.join('\n') + '\n';
}
