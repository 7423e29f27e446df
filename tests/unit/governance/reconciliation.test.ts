import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { foldFills, reconcilePortfolio } from '../../../src-shared/governance/reconciliation';
import { summarizeSessionLog } from '../../../src-shared/governance/session-metrics';
import { fillEvent, positionUpdate } from '../../../src-main/services/drills/scripted-runner';

const ev = (type: string, payload: PipelineEvent['payload']): PipelineEvent => ({
  type,
  ts: '2026-12-16T01:00:00.000Z',
  actor: 'broker',
  payload,
});
// The catalog's shapes, as the core writes them (the drill runner builds them with the same constructors).
let fills = 0;
const fill = (contract: string, side: 'BUY' | 'SELL', quantity: number) => fillEvent(contract, side, quantity, 23000, `F-${++fills}`);
const update = (contract: string, position: number, equityCents = 0) => positionUpdate(contract, position, equityCents, `F-${fills}`);

describe('reconciliation', () => {
  it('folds fills into signed net positions', () => {
    expect(foldFills([fill('TX 202612', 'BUY', 2), fill('TX 202612', 'SELL', 3), fill('MTX 202612', 'BUY', 1)])).toEqual({
      'TX 202612': -1,
      'MTX 202612': 1,
    });
  });

  it('finds no break when the snapshot matches', () => {
    const r = reconcilePortfolio([fill('TX 202612', 'BUY', 2), update('TX 202612', 2)]);
    expect(r.breaks).toEqual([]);
    expect(r.snapshotIndex).toBe(1);
  });

  it('reports each contract that disagrees', () => {
    const r = reconcilePortfolio([fill('TX 202612', 'BUY', 2), fill('TMF 202612', 'SELL', 1), update('TX 202612', 3)]);
    expect(r.breaks).toEqual([
      { contract: 'TMF 202612', fromFills: -1, fromSnapshot: 0 },
      { contract: 'TX 202612', fromFills: 2, fromSnapshot: 3 },
    ]);
  });

  it('ignores fills after the last snapshot (not yet in it)', () => {
    const r = reconcilePortfolio([fill('TX 202612', 'BUY', 1), update('TX 202612', 1), fill('TX 202612', 'BUY', 1)]);
    expect(r.breaks).toEqual([]);
  });

  it('states each contract by its own latest update, not only the last update overall', () => {
    const r = reconcilePortfolio([
      fill('TX 202612', 'BUY', 2),
      update('TX 202612', 2),
      fill('MTX 202612', 'SELL', 1),
      update('MTX 202612', -1),
    ]);
    expect(r.breaks).toEqual([]);
    expect(r.fromSnapshot).toEqual({ 'MTX 202612': -1, 'TX 202612': 2 });
  });

  it('ignores payloads that are not the catalog shape (an old positions[] snapshot is not a statement)', () => {
    const r = reconcilePortfolio([
      fill('TX 202612', 'BUY', 2),
      ev('portfolio.update', { positions: [{ contract: 'TX 202612', quantity: 5 }] }),
    ]);
    expect(r.fromSnapshot).toEqual({});
  });

  it('has nothing to compare without a snapshot', () => {
    expect(reconcilePortfolio([fill('TX 202612', 'BUY', 1)])).toMatchObject({ snapshotIndex: null, breaks: [] });
  });
});

describe('session log summary', () => {
  it('finds the worst drawdown, not the last one', () => {
    const s = summarizeSessionLog([
      update('TX 202612', 0, 1000),
      update('TX 202612', 0, 800),
      update('TX 202612', 0, 2000),
      update('TX 202612', 0, 1900),
      fill('TX 202612', 'BUY', 1),
      ev('risk.decision', {}),
    ]);
    expect(s).toMatchObject({ fills: 1, orders: 1, peakEquityCents: 1000, troughEquityCents: 800, lastEquityCents: 1900 });
  });
});
