import type { PipelineEvent } from '../../src-shared/events/pipeline-event';
import type { MarketEvent } from '../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../src-shared/orders/intent';

/**
 * The contract between the session runner (strategies, intents, pacing) and the trading core
 * (risk engine, OMS, paper broker, portfolio). Every method is one pipeline step: it returns
 * the events of that step, in order, and the runner hands them to the EventSink as one batch.
 * The core never reads a wall clock: `nowMs` comes from the injected clock.
 */
export interface TradingCore {
  /** Market data arrives: broker matches resting orders, breakers and feed-loss watch update, portfolio marks. */
  onMarket(event: MarketEvent, nowMs: number): PipelineEvent[];
  /** Time passes with no market event (paper pacing): acks, latency queues, expiries, data-feed-loss checks. */
  onTime(nowMs: number): PipelineEvent[];
  /** An intent (from a strategy via the intent builder, or a manual operator order) enters risk -> OMS -> broker. */
  submit(intent: PaperOrderIntent, nowMs: number): PipelineEvent[];
  cancel(orderId: string, requestedBy: string, nowMs: number): PipelineEvent[];
  /** Operator kill switch: latches HALTED and cancels every working order (KILL_SWITCH_CANCEL). */
  halt(operator: string, reason: string, nowMs: number): PipelineEvent[];
  /** Explicit, audited operator action; the only way out of HALTED. */
  resume(operator: string, reason: string, nowMs: number): PipelineEvent[];
  /** Session end: ROD orders expire (SESSION_END_EXPIRY). */
  endSession(nowMs: number): PipelineEvent[];
  /** Read-only views for strategies' own state, summaries and the UI. */
  snapshot(): TradingSnapshot;
}

export interface PositionView {
  contract: string;
  /** Signed net contracts (NETTING). */
  quantity: number;
  /** Average open price in points as an exact decimal string (it can be fractional). */
  avgPrice: string;
  realizedCents: number;
  unrealizedCents: number;
  feesCents: number;
  taxCents: number;
}

export interface TradingSnapshot {
  tradingState: 'ACTIVE' | 'REDUCING' | 'HALTED';
  positions: PositionView[];
  openOrders: number;
  equityCents: number;
  startEquityCents: number;
  marginInUseCents: number;
  /** TX-equivalent exposure in twentieths of a TX contract (exact). */
  txEquivTwentieths: number;
  counts: {
    orders: number;
    fills: number;
    denied: number;
    rejected: number;
    canceled: number;
    expired: number;
    filled: number;
    partiallyFilled: number;
  };
  maxDrawdownCents: number;
  breaches: string[];
}
