import type { JsonObject } from '../../../src-shared/json';
import { centsToDecimal } from '../../../src-shared/money';
import type { TradingSnapshot } from '../trading-core';

/** What the runner itself counted; everything else comes from the core's snapshot. */
export interface RunCounters {
  marketEvents: number;
  signals: number;
  intents: number;
  intentsSkipped: number;
  operatorActions: number;
  steps: number;
  events: number;
  stoppedEarly: boolean;
}

/** The `session.completed` payload: orders by outcome, fills, gross and net PnL, fees, tax, drawdown, breaches. */
export function summarize(snap: TradingSnapshot, counters: RunCounters): JsonObject {
  let gross = 0;
  let fees = 0;
  let tax = 0;
  for (const p of snap.positions) {
    gross += p.realizedCents + p.unrealizedCents;
    fees += p.feesCents;
    tax += p.taxCents;
  }
  return {
    orders: snap.counts.orders,
    orders_by_outcome: {
      filled: snap.counts.filled,
      partially_filled: snap.counts.partiallyFilled,
      canceled: snap.counts.canceled,
      expired: snap.counts.expired,
      denied: snap.counts.denied,
      rejected: snap.counts.rejected,
    },
    fills: snap.counts.fills,
    gross_pnl: centsToDecimal(gross),
    fees: centsToDecimal(fees),
    tax: centsToDecimal(tax),
    net_pnl: centsToDecimal(gross - fees - tax),
    start_equity: centsToDecimal(snap.startEquityCents),
    end_equity: centsToDecimal(snap.equityCents),
    max_drawdown: centsToDecimal(snap.maxDrawdownCents),
    breaches: [...snap.breaches],
    trading_state: snap.tradingState,
    positions: snap.positions.map((p) => ({ contract: p.contract, quantity: p.quantity, avg_price: p.avgPrice })),
    market_events: counters.marketEvents,
    signals: counters.signals,
    intents: counters.intents,
    intents_skipped: counters.intentsSkipped,
    operator_actions: counters.operatorActions,
    stopped_early: counters.stoppedEarly,
  };
}
