import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { foldFills, reconcilePortfolio } from '../../../src-shared/governance/reconciliation';
import { summarizeSessionLog } from '../../../src-shared/governance/session-metrics';

const ev = (type: string, payload: PipelineEvent['payload']): PipelineEvent => ({
  type,
  ts: '2026-12-16T01:00:00.000Z',
  actor: 'broker',
  payload,
});
const fill = (contract: string, side: 'BUY' | 'SELL', quantity: number) => ev('broker.fill', { contract, side, quantity, price: 23000 });
const snap = (positions: { contract: string; quantity: number }[], equityCents = 0) => ev('portfolio.update', { positions, equityCents });

describe('reconciliation', () => {
  it('folds fills into signed net positions', () => {
    expect(foldFills([fill('TX 202612', 'BUY', 2), fill('TX 202612', 'SELL', 3), fill('MTX 202612', 'BUY', 1)])).toEqual({
      'TX 202612': -1,
      'MTX 202612': 1,
    });
  });

  it('finds no break when the snapshot matches', () => {
    const r = reconcilePortfolio([fill('TX 202612', 'BUY', 2), snap([{ contract: 'TX 202612', quantity: 2 }])]);
    expect(r.breaks).toEqual([]);
    expect(r.snapshotIndex).toBe(1);
  });

  it('reports each contract that disagrees', () => {
    const r = reconcilePortfolio([
      fill('TX 202612', 'BUY', 2),
      fill('TMF 202612', 'SELL', 1),
      snap([{ contract: 'TX 202612', quantity: 3 }]),
    ]);
    expect(r.breaks).toEqual([
      { contract: 'TMF 202612', fromFills: -1, fromSnapshot: 0 },
      { contract: 'TX 202612', fromFills: 2, fromSnapshot: 3 },
    ]);
  });

  it('ignores fills after the last snapshot (not yet in it)', () => {
    const r = reconcilePortfolio([
      fill('TX 202612', 'BUY', 1),
      snap([{ contract: 'TX 202612', quantity: 1 }]),
      fill('TX 202612', 'BUY', 1),
    ]);
    expect(r.breaks).toEqual([]);
  });

  it('has nothing to compare without a snapshot', () => {
    expect(reconcilePortfolio([fill('TX 202612', 'BUY', 1)])).toMatchObject({ snapshotIndex: null, breaks: [] });
  });
});

describe('session log summary', () => {
  it('finds the worst drawdown, not the last one', () => {
    const s = summarizeSessionLog([
      snap([], 1000),
      snap([], 800),
      snap([], 2000),
      snap([], 1900),
      fill('TX 202612', 'BUY', 1),
      ev('risk.decision', {}),
    ]);
    expect(s).toMatchObject({ fills: 1, orders: 1, peakEquityCents: 1000, troughEquityCents: 800, lastEquityCents: 1900 });
  });
});
