/**
 * The earliest event seq any failing bundle check points at. The verifier's first failure may be a file
 * check with no seq (a changed SHA-256); the reviewer still needs to know which event to look at.
 */
export function firstFailingSeq<C extends { check: string; status: string; seq?: number | undefined }>(
  checks: readonly C[],
): { seq: number; check: string } | null {
  let best: { seq: number; check: string } | null = null;
  for (const c of checks) {
    if (c.status !== 'fail' || c.seq === undefined) continue;
    if (best === null || c.seq < best.seq) best = { seq: c.seq, check: c.check };
  }
  return best;
}
