import type { PipelinePayload } from '../../../src-shared/events/catalog';
import { isoMillis } from '../../../src-shared/events/pipeline-event';
import type { Quote } from '../../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { TradingState } from '../../../src-shared/risk/flow-checks';
import type { RiskDecision } from '../../../src-shared/risk/combine';

/** The `risk.decision` payload: the verdict with every check, the quote it saw and the position it assumed. */
export function riskDecisionPayload(a: {
  orderId: string;
  intent: PaperOrderIntent;
  decision: RiskDecision;
  tradingState: TradingState;
  quote: Quote | undefined;
  position: number;
  nowMs: number;
}): PipelinePayload<'risk.decision'> {
  const { decision, quote } = a;
  return {
    order_id: a.orderId,
    intent_id: a.intent.intentId,
    idempotency_key: a.intent.idempotencyKey,
    verdict: decision.verdict,
    requested: decision.requested,
    approved: decision.approved,
    reason: decision.reason,
    trading_state: a.tradingState,
    quote:
      quote === undefined
        ? null
        : {
            bid: quote.bid,
            ask: quote.ask,
            bid_size: quote.bidSize,
            ask_size: quote.askSize,
            receive_ts: isoMillis(quote.receiveTs),
            age_ms: a.nowMs - quote.receiveTs,
          },
    position: a.position,
    checks: decision.checks.map((c) => ({
      check: c.check,
      verdict: c.verdict,
      quantity: c.quantity,
      reason: c.reason,
      inputs: c.inputs,
    })),
  };
}
