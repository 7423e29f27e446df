import { describe, expect, it } from 'vitest';
import { evaluatePromotion, type SessionEvidence } from '../../../src-shared/governance/promotion-criteria';

/** A tag can take evidence away from a strategy, never hide a failure. */
const criteria = { minCompletedSessions: 1, minFills: 1, maxDrawdownBps: 500, maxUnresolvedBreaks: 0, maxAbortedSessions: 0 };
const ok: SessionEvidence = {
  sessionId: 'S-1',
  status: 'completed',
  fills: 3,
  peakEquityCents: 100,
  troughEquityCents: 100,
  unresolvedBreaks: 0,
};

describe('evaluatePromotion with ignored sessions', () => {
  it('leaves an ignored completed session out of the evidence and lists it with who and why', () => {
    const ignored = { ...ok, sessionId: 'S-2', fills: 40, ignored: { by: 'lee', reason: 'rehearsal' } };
    const r = evaluatePromotion(criteria, [ok, ignored]);
    expect(r.sessionsConsidered).toEqual(['S-1']);
    expect(r.sessionsIgnored).toEqual([{ sessionId: 'S-2', by: 'lee', reason: 'rehearsal' }]);
    expect(r.results.find((c) => c.criterion === 'minFills')?.actual).toBe(3);
  });

  it('still counts an ignored aborted session and an ignored session with breaks against the strategy', () => {
    const aborted = { ...ok, sessionId: 'S-3', status: 'aborted' as const, ignored: { by: 'lee', reason: 'crash' } };
    const broken = { ...ok, sessionId: 'S-4', unresolvedBreaks: 1, ignored: { by: 'lee', reason: 'bad feed' } };
    const r = evaluatePromotion(criteria, [ok, aborted, broken]);
    expect(r.eligible).toBe(false);
    expect(r.results.filter((c) => !c.pass).map((c) => c.criterion)).toEqual(['maxUnresolvedBreaks', 'maxAbortedSessions']);
  });
});
