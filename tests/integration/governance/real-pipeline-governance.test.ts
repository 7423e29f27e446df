import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { readBrokerFill } from '../../../src-shared/events/broker-fill';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { readPortfolioUpdate } from '../../../src-shared/events/portfolio-update';
import { FAIL_CLOSED_CRITERIA, drawdownBpsCeil, evaluatePromotion } from '../../../src-shared/governance/promotion-criteria';
import { reconcilePortfolio } from '../../../src-shared/governance/reconciliation';
import { summarizeSessionLog } from '../../../src-shared/governance/session-metrics';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { strategyEvidence } from '../../../src-main/services/promotion/promotion-service';
import { reconcileSession } from '../../../src-main/services/sessions/recovery';
import { strategyIdOf } from '../../../src-main/services/sessions/strategy-identity';
import { demoSpec, recordSession, replayApp, type ReplayApp } from '../replay/replay-fixture';

/**
 * Governance reads what the trading core writes: the real pipeline runs a session, and metrics,
 * promotion evaluation and recovery's reconciliation are checked against its own fills and
 * portfolio updates (computed here independently). Before the event catalog, equity read as 0
 * (so any drawdown limit passed) and a session holding a position reconciled as a break.
 */
let app: ReplayApp;
let events: PipelineEvent[];
let sessionId: string;

beforeAll(async () => {
  app = replayApp();
  ({ sessionId } = await recordSession(app.ctx, demoSpec('2026-12-01T03:30:00.000Z')));
  events = readLog(governanceOf(app.ctx).store, sessionLogId(sessionId));
}, 120_000);
afterAll(() => app?.cleanup());

function equitySeries(): number[] {
  return events.flatMap((e) => (e.type === 'portfolio.update' ? [readPortfolioUpdate(e.payload)!.equityCents] : []));
}

/** The worst peak-to-trough drop, by brute force over every pair (exact, BigInt cross-multiplied). */
function worstDrawdown(eq: number[]): { peak: number; trough: number } {
  let best = { peak: eq[0]!, trough: eq[0]! };
  for (let i = 0; i < eq.length; i++)
    for (let j = i; j < eq.length; j++) {
      const [p, t] = [eq[i]!, eq[j]!];
      if (t < p && BigInt(p - t) * BigInt(best.peak) > BigInt(best.peak - best.trough) * BigInt(p)) best = { peak: p, trough: t };
    }
  return best;
}

describe('metrics, promotion and reconciliation on a real session', () => {
  it('every portfolio.update and broker.fill the core wrote parses with the catalog schema', () => {
    const updates = events.filter((e) => e.type === 'portfolio.update');
    const fills = events.filter((e) => e.type === 'broker.fill');
    expect(fills.length).toBeGreaterThan(3);
    expect(updates.length).toBe(fills.length);
    expect(updates.every((e) => readPortfolioUpdate(e.payload) !== null)).toBe(true);
    expect(fills.every((e) => readBrokerFill(e.payload) !== null)).toBe(true);
  });

  it('the session summary has the fills, the last equity and the worst drawdown of the log', () => {
    const s = summarizeSessionLog(events);
    const eq = equitySeries();
    expect(s.fills).toBe(events.filter((e) => e.type === 'broker.fill').length);
    expect(s.lastEquityCents).toBe(eq.at(-1));
    expect(s.peakEquityCents).toBeGreaterThan(0);
    const worst = worstDrawdown(eq);
    expect(drawdownBpsCeil(s.peakEquityCents, s.troughEquityCents)).toBe(drawdownBpsCeil(worst.peak, worst.trough));
  });

  it('a drawdown limit below the real drawdown fails promotion, one at it passes', () => {
    const [found] = strategyEvidence(governanceOf(app.ctx), strategyIdOf(demoSpec())!, 'paper_research').filter(
      (e) => e.sessionId === sessionId,
    );
    // Judged as a completed session: the figures are the log's own, the criteria only compare them.
    const evidence = found && { ...found, status: 'completed' as const };
    expect(evidence).toBeDefined();
    const dd = drawdownBpsCeil(evidence!.peakEquityCents, evidence!.troughEquityCents);
    expect(dd).toBeGreaterThan(0);
    const judge = (maxDrawdownBps: number) =>
      evaluatePromotion({ ...FAIL_CLOSED_CRITERIA, maxDrawdownBps }, [evidence!]).results.find((r) => r.criterion === 'maxDrawdownBps')!;
    expect(judge(dd - 1)).toMatchObject({ pass: false, actual: dd });
    expect(judge(dd - 1).reason).toMatch(/^MAX_DRAWDOWN: drawdown_bps=/);
    expect(judge(dd)).toMatchObject({ pass: true, actual: dd });
    expect(evidence!.unresolvedBreaks).toBe(0);
  });

  it('reconciliation finds the positions the fills give, and no break, while a position is held', () => {
    const r = reconcilePortfolio(events);
    expect(r.breaks).toEqual([]);
    expect(Object.keys(r.fromFills).length).toBeGreaterThan(0);
    const held = Object.fromEntries(Object.entries(r.fromFills).filter(([, q]) => q !== 0));
    expect(r.fromSnapshot).toEqual(held);
    expect(reconcileSession(governanceOf(app.ctx), sessionId).breaks).toEqual([]);
  });
});
