import { z } from 'zod';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Promotion criteria are data, not code: a lane stores them as a configuration event and the
 * evaluator below reads them. `maxDrawdownBps: 0` tolerates no drawdown at all.
 */
export const PromotionCriteria = z.strictObject({
  minCompletedSessions: count,
  minFills: count,
  maxDrawdownBps: z.number().int().min(0).max(10_000),
  maxUnresolvedBreaks: count,
  maxAbortedSessions: count,
});
export type PromotionCriteria = z.infer<typeof PromotionCriteria>;

/** Fail closed: an unconfigured lane asks for more evidence than any strategy can have. */
export const FAIL_CLOSED_CRITERIA: PromotionCriteria = Object.freeze({
  minCompletedSessions: Number.MAX_SAFE_INTEGER,
  minFills: Number.MAX_SAFE_INTEGER,
  maxDrawdownBps: 0,
  maxUnresolvedBreaks: 0,
  maxAbortedSessions: 0,
});

/** What the logs say about one session, reduced to what the criteria need. */
export interface SessionEvidence {
  sessionId: string;
  status: 'scheduled' | 'running' | 'paused' | 'completed' | 'aborted';
  fills: number;
  /** Highest equity seen and the lowest equity after that peak (the worst drawdown), integer cents. */
  peakEquityCents: number;
  troughEquityCents: number;
  unresolvedBreaks: number;
  /** A lead tagged it as ignored by promotion (who, why): it is no evidence for the strategy, but still counts against it. */
  ignored?: { by: string; reason: string } | null;
}

export const CriterionName = z.enum(['minCompletedSessions', 'minFills', 'maxDrawdownBps', 'maxUnresolvedBreaks', 'maxAbortedSessions']);
export type CriterionName = z.infer<typeof CriterionName>;

export const CriterionResult = z.strictObject({
  criterion: CriterionName,
  required: z.number().int(),
  /** For drawdown: the worst session's drawdown in bps, rounded up (display only; the pass uses exact integers). */
  actual: z.number().int(),
  pass: z.boolean(),
  reason: z.string(),
});
export type CriterionResult = z.infer<typeof CriterionResult>;

export const PromotionEvaluation = z.strictObject({
  eligible: z.boolean(),
  sessionsConsidered: z.array(z.string()),
  /** Sessions tagged as ignored: left out of the evidence for the strategy, listed with who and why. */
  sessionsIgnored: z.array(z.strictObject({ sessionId: z.string(), by: z.string(), reason: z.string() })).default([]),
  results: z.array(CriterionResult),
});
export type PromotionEvaluation = z.infer<typeof PromotionEvaluation>;

/** Drawdown within the limit iff trough x 10000 >= peak x (10000 - bps): exact, so -5.000% passes a 5% limit. */
export function drawdownWithin(peak: number, trough: number, maxBps: number): boolean {
  if (peak <= 0) return trough >= peak;
  return BigInt(trough) * 10000n >= BigInt(peak) * BigInt(10_000 - maxBps);
}

/** Rounded up so a shown value never understates the drawdown. */
export function drawdownBpsCeil(peak: number, trough: number): number {
  if (peak <= 0 || trough >= peak) return 0;
  const num = BigInt(peak - trough) * 10000n;
  const p = BigInt(peak);
  return Number((num + p - 1n) / p);
}

/**
 * Pure: same criteria and evidence, same verdict. Only completed sessions count as evidence of
 * good behaviour; aborted ones count against the strategy; all of them may carry breaks. A session
 * tagged as ignored is no evidence for the strategy (sessions, fills, drawdown) but still counts
 * against it (aborted, breaks): a tag can take away evidence, never hide a failure.
 */
export function evaluatePromotion(criteria: PromotionCriteria, sessions: readonly SessionEvidence[]): PromotionEvaluation {
  const counted = sessions.filter((s) => !s.ignored);
  const completed = counted.filter((s) => s.status === 'completed');
  const aborted = sessions.filter((s) => s.status === 'aborted').length;
  const fills = completed.reduce((n, s) => n + s.fills, 0);
  const breaks = sessions.reduce((n, s) => n + s.unresolvedBreaks, 0);
  const worst = completed.reduce<SessionEvidence | null>(
    (w, s) =>
      w === null || drawdownBpsCeil(s.peakEquityCents, s.troughEquityCents) > drawdownBpsCeil(w.peakEquityCents, w.troughEquityCents)
        ? s
        : w,
    null,
  );
  const ddPass = completed.every((s) => drawdownWithin(s.peakEquityCents, s.troughEquityCents, criteria.maxDrawdownBps));
  const ddActual = worst ? drawdownBpsCeil(worst.peakEquityCents, worst.troughEquityCents) : 0;
  const results: CriterionResult[] = [
    atLeast('minCompletedSessions', criteria.minCompletedSessions, completed.length),
    atLeast('minFills', criteria.minFills, fills),
    {
      criterion: 'maxDrawdownBps',
      required: criteria.maxDrawdownBps,
      actual: ddActual,
      pass: ddPass,
      reason: ddPass
        ? `OK: max_drawdown_bps=${ddActual}, limit_bps=${criteria.maxDrawdownBps}`
        : `MAX_DRAWDOWN: drawdown_bps=${ddActual}, limit_bps=${criteria.maxDrawdownBps}, session=${worst?.sessionId ?? '-'}`,
    },
    atMost('maxUnresolvedBreaks', criteria.maxUnresolvedBreaks, breaks, 'UNRESOLVED_RECONCILIATION_BREAKS'),
    atMost('maxAbortedSessions', criteria.maxAbortedSessions, aborted, 'TOO_MANY_ABORTED_SESSIONS'),
  ];
  return {
    eligible: results.every((r) => r.pass),
    sessionsConsidered: counted.map((s) => s.sessionId),
    sessionsIgnored: sessions.flatMap((s) => (s.ignored ? [{ sessionId: s.sessionId, by: s.ignored.by, reason: s.ignored.reason }] : [])),
    results,
  };
}

function atLeast(criterion: CriterionName, required: number, actual: number): CriterionResult {
  const pass = actual >= required;
  const code = criterion === 'minFills' ? 'NOT_ENOUGH_FILLS' : 'NOT_ENOUGH_SESSIONS';
  return {
    criterion,
    required,
    actual,
    pass,
    reason: pass ? `OK: actual=${actual}, min=${required}` : `${code}: actual=${actual}, min=${required}`,
  };
}

function atMost(criterion: CriterionName, required: number, actual: number, code: string): CriterionResult {
  const pass = actual <= required;
  return {
    criterion,
    required,
    actual,
    pass,
    reason: pass ? `OK: actual=${actual}, max=${required}` : `${code}: actual=${actual}, max=${required}`,
  };
}
