import { pipelineEvent } from '../../../src-shared/events/catalog';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { BROKER_FILL, brokerFill } from '../../../src-shared/events/broker-fill';
import { PORTFOLIO_UPDATE, portfolioUpdate } from '../../../src-shared/events/portfolio-update';
import { centsToDecimal } from '../../../src-shared/money';
import type { SessionRunner } from '../sessions/session-runner-port';

export interface ScriptedRun {
  /** Pipeline steps, each appended through the real sink as one transaction. */
  steps: readonly (readonly PipelineEvent[])[];
  /** Never settle after the steps: the process "dies" with the session still running. */
  hang?: boolean;
}

/**
 * A deterministic stand-in for the pipeline's runner, used by drills and tests: it writes the
 * given steps through the real sink and reports completion (or hangs, to simulate a crash).
 */
export function scriptedRunner(run: ScriptedRun): SessionRunner {
  return async (req) => {
    for (const step of run.steps) req.sink.appendStep(req.sessionId, step);
    if (run.hang) return new Promise(() => {});
    return { status: 'completed' };
  };
}

const TS = '2026-12-16T01:00:00.000Z';

/** A fill in the venue's own shape (the event catalog's constructor), so drills exercise what real sessions write. */
export function fillEvent(contract: string, side: 'BUY' | 'SELL', quantity: number, price: number, fillId: string): PipelineEvent {
  const payload = brokerFill({
    fill_id: fillId,
    order_id: `O-${fillId}`,
    contract,
    side,
    price,
    quantity,
    liquidity: 'taker',
    arrival_mid: null,
    slippage_points: null,
    slippage_bps: null,
    exchange_fee_ntd: '0.00',
    clearing_fee_ntd: '0.00',
    commission_ntd: '0.00',
    fees_ntd: '0.00',
    tax_ntd: '0.00',
    tax_rounding: 'per_fill_half_up',
    charges_effective: '2025-11-04',
    trading_day: TS.slice(0, 10),
    book_ts: TS,
    reason: 'SCRIPTED_DRILL_FILL',
    explanation: `took ${quantity} at ${price} (${side} ${contract}); SCRIPTED_DRILL_FILL`,
  });
  return pipelineEvent(BROKER_FILL, TS, 'broker', payload);
}

/** The portfolio after a fill, in the core's shape: `position` of that contract and the session's equity. */
export function positionUpdate(contract: string, position: number, equityCents: number, fillId: string): PipelineEvent {
  const payload = portfolioUpdate({
    contract,
    fill_id: fillId,
    position,
    avg_price: '0',
    realized_delta_ntd: '0.00',
    realized_ntd: '0.00',
    unrealized_ntd: '0.00',
    mark_bid: null,
    mark_ask: null,
    mark_mid: null,
    fees_ntd: '0.00',
    tax_ntd: '0.00',
    equity_ntd: centsToDecimal(equityCents),
    margin_in_use_ntd: '0.00',
    tx_equiv_twentieths: position * 20,
  });
  return pipelineEvent(PORTFOLIO_UPDATE, TS, 'portfolio', payload);
}

/** The risk decision that lets a scripted order through, in the core's shape (no checks run in a drill). */
function allowed(orderId: string): PipelineEvent {
  return pipelineEvent('risk.decision', TS, 'risk', {
    order_id: orderId,
    intent_id: `int-drill-${orderId}`,
    idempotency_key: `drill-${orderId}`,
    verdict: 'ALLOW',
    requested: 1,
    approved: 1,
    reason: null,
    trading_state: 'ACTIVE',
    quote: null,
    position: 0,
    checks: [],
  });
}

/** A small session: two fills on TX and the portfolio after each, with a dip in equity (`snapshotQuantity` misstates the second). */
export function sampleSteps(opts: { snapshotQuantity?: number } = {}): PipelineEvent[][] {
  const q = opts.snapshotQuantity ?? 2;
  return [
    [allowed('O-F-1'), fillEvent('TX 202612', 'BUY', 1, 23000, 'F-1')],
    [positionUpdate('TX 202612', 1, 100_000_000, 'F-1')],
    [allowed('O-F-2'), fillEvent('TX 202612', 'BUY', 1, 23010, 'F-2')],
    [positionUpdate('TX 202612', q, 99_000_000, 'F-2')],
  ];
}
