import { describe, expect, it } from 'vitest';
import {
  drawdownBpsCeil,
  drawdownWithin,
  evaluatePromotion,
  FAIL_CLOSED_CRITERIA,
  type PromotionCriteria,
  type SessionEvidence,
} from '../../../src-shared/governance/promotion-criteria';

const criteria: PromotionCriteria = {
  minCompletedSessions: 2,
  minFills: 10,
  maxDrawdownBps: 500,
  maxUnresolvedBreaks: 0,
  maxAbortedSessions: 1,
};

function s(id: string, over: Partial<SessionEvidence> = {}): SessionEvidence {
  return {
    sessionId: id,
    status: 'completed',
    fills: 5,
    peakEquityCents: 1_000_000,
    troughEquityCents: 1_000_000,
    unresolvedBreaks: 0,
    ...over,
  };
}

describe('drawdown at the boundary (exact integers)', () => {
  it('-5.000% passes a 5% limit, -5.0001% does not', () => {
    expect(drawdownWithin(1_000_000, 950_000, 500)).toBe(true);
    expect(drawdownWithin(10_000_000, 9_499_999, 500)).toBe(false);
    expect(drawdownBpsCeil(1_000_000, 950_000)).toBe(500);
    expect(drawdownBpsCeil(10_000_000, 9_499_999)).toBe(501);
  });
});

describe('evaluatePromotion', () => {
  it('is eligible exactly at every minimum and maximum', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b', { troughEquityCents: 950_000 }), s('c', { status: 'aborted', fills: 0 })]);
    expect(r.eligible).toBe(true);
    expect(r.results.map((x) => [x.criterion, x.actual, x.pass])).toEqual([
      ['minCompletedSessions', 2, true],
      ['minFills', 10, true],
      ['maxDrawdownBps', 500, true],
      ['maxUnresolvedBreaks', 0, true],
      ['maxAbortedSessions', 1, true],
    ]);
  });

  it('one fill short fails with NOT_ENOUGH_FILLS', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b', { fills: 4 })]);
    expect(r.eligible).toBe(false);
    expect(r.results.find((x) => x.criterion === 'minFills')?.reason).toBe('NOT_ENOUGH_FILLS: actual=9, min=10');
  });

  it('fills of aborted sessions do not count', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b', { fills: 4 }), s('c', { status: 'aborted', fills: 100 })]);
    expect(r.results.find((x) => x.criterion === 'minFills')?.actual).toBe(9);
  });

  it('a drawdown one cent beyond the limit fails and names the session', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b', { troughEquityCents: 949_999 })]);
    const dd = r.results.find((x) => x.criterion === 'maxDrawdownBps')!;
    expect(dd.pass).toBe(false);
    expect(dd.reason).toBe('MAX_DRAWDOWN: drawdown_bps=501, limit_bps=500, session=b');
  });

  it('one unresolved break anywhere blocks promotion', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b'), s('c', { status: 'aborted', unresolvedBreaks: 1 })]);
    expect(r.eligible).toBe(false);
    expect(r.results.find((x) => x.criterion === 'maxUnresolvedBreaks')?.reason).toBe('UNRESOLVED_RECONCILIATION_BREAKS: actual=1, max=0');
  });

  it('too many aborted sessions blocks promotion', () => {
    const r = evaluatePromotion(criteria, [s('a'), s('b'), s('c', { status: 'aborted' }), s('d', { status: 'aborted' })]);
    expect(r.results.find((x) => x.criterion === 'maxAbortedSessions')?.pass).toBe(false);
  });

  it('fail-closed criteria refuse any amount of evidence', () => {
    const many = Array.from({ length: 50 }, (_, i) => s(`s${i}`, { fills: 1000 }));
    expect(evaluatePromotion(FAIL_CLOSED_CRITERIA, many).eligible).toBe(false);
  });
});
