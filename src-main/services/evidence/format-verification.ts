import type { BundleVerification } from './bundle-checks';

const MARK = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' } as const;

/** One line per check, then the verdict; the same layout verify.py and verify.sh print. */
export function formatBundleVerification(v: BundleVerification): string {
  const lines = v.checks.map((c) => `${MARK[c.status]}  ${c.check.padEnd(20)} ${c.seq === undefined ? '' : `[seq ${c.seq}] `}${c.detail}`);
  const f = v.firstFailure;
  lines.push(
    v.ok
      ? `VERIFIED: ${v.bundle} (${v.size ?? '?'} events, root ${v.root ?? '?'})${v.keyPinned ? '' : ' -- with the bundled key only; pin the key with --pubkey'}`
      : `INTEGRITY FAILURE: ${f?.check ?? '?'}${f?.seq === undefined ? '' : ` at seq ${f.seq}`}: ${f?.detail ?? ''}`,
  );
  return lines.join('\n') + '\n';
}
