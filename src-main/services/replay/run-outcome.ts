import type { EventSink, PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import { formatScaled, meanScaled, parseDecimal } from './exact-decimal';

/** One run's outcome in the terms of the what-if table; money and slippage as exact decimal text. */
export interface RunOutcome {
  fills: number;
  filledQuantity: number;
  /** Quantity-weighted mean over fills that had an arrival mid; null without such fills. */
  avgSlippagePoints: string | null;
  avgSlippageBps: string | null;
  grossPnl: string;
  netPnl: string;
  fees: string;
  tax: string;
  rejected: number;
  canceled: number;
}

export interface FillRecord {
  orderId: string;
  contract: string;
  side: string;
  price: number;
  quantity: number;
  slippagePoints: string | null;
  slippageBps: string | null;
}

/** Keeps only what the comparisons need: fills and the order id of each idempotency key. Nothing is stored. */
export class OutcomeSink implements EventSink {
  readonly fills: FillRecord[] = [];
  readonly orderByKey = new Map<string, string>();

  appendStep(_sessionId: string, events: readonly PipelineEvent[]): void {
    for (const e of events) this.take(e);
  }

  take(e: { type: string; payload: JsonObject }): void {
    const p = e.payload;
    if (e.type === 'broker.fill') {
      this.fills.push({
        orderId: String(p.order_id),
        contract: String(p.contract),
        side: String(p.side),
        price: Number(p.price),
        quantity: Number(p.quantity),
        slippagePoints: typeof p.slippage_points === 'string' ? p.slippage_points : null,
        slippageBps: typeof p.slippage_bps === 'string' ? p.slippage_bps : null,
      });
    } else if (e.type === 'risk.decision' && typeof p.idempotency_key === 'string' && typeof p.order_id === 'string') {
      this.orderByKey.set(p.idempotency_key, p.order_id);
    }
  }
}

export function weightedMean(fills: readonly FillRecord[], pick: (f: FillRecord) => string | null): string | null {
  let sum = 0n;
  let qty = 0n;
  for (const f of fills) {
    const v = pick(f);
    if (v === null) continue;
    sum += parseDecimal(v) * BigInt(f.quantity);
    qty += BigInt(f.quantity);
  }
  const m = meanScaled(sum, qty);
  return m === null ? null : formatScaled(m, 2);
}

/** The runner's session.completed summary plus the fills a sink saw. */
export function outcomeOf(summary: JsonObject, fills: readonly FillRecord[]): RunOutcome {
  const by = (summary.orders_by_outcome ?? {}) as JsonObject;
  return {
    fills: Number(summary.fills ?? fills.length),
    filledQuantity: fills.reduce((a, f) => a + f.quantity, 0),
    avgSlippagePoints: weightedMean(fills, (f) => f.slippagePoints),
    avgSlippageBps: weightedMean(fills, (f) => f.slippageBps),
    grossPnl: String(summary.gross_pnl ?? '0.00'),
    netPnl: String(summary.net_pnl ?? '0.00'),
    fees: String(summary.fees ?? '0.00'),
    tax: String(summary.tax ?? '0.00'),
    rejected: Number(by.rejected ?? 0),
    canceled: Number(by.canceled ?? 0),
  };
}
