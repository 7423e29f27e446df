import { pipelineEvent } from '../../../src-shared/events/catalog';
import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { Root } from '../../../src-shared/instruments/instruments';
import { isWorking, transition, type OrderEvent, type OrderState } from '../../../src-shared/oms/order-state-machine';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';

export interface OmsOrder {
  orderId: string;
  intent: PaperOrderIntent;
  root: Root;
  /** Quantity after risk (a REDUCE cuts it). */
  quantity: number;
  filled: number;
  state: OrderState;
  createdMs: number;
}

/** The order management system: the only owner of order state. Ids are deterministic (`O-000001`). */
export class Oms {
  private seq = 0;
  readonly orders = new Map<string, OmsOrder>();

  /** The id the next order will get, so the risk decision can name it before the order exists. */
  peekId(): string {
    return `O-${String(this.seq + 1).padStart(6, '0')}`;
  }

  create(intent: PaperOrderIntent, root: Root, quantity: number, nowMs: number, out: PipelineEvent[]): OmsOrder {
    this.seq += 1;
    const order: OmsOrder = {
      orderId: `O-${String(this.seq).padStart(6, '0')}`,
      intent,
      root,
      quantity,
      filled: 0,
      state: 'INITIALIZED',
      createdMs: nowMs,
    };
    this.orders.set(order.orderId, order);
    out.push(
      pipelineEvent('oms.order', isoMillis(nowMs), 'oms', {
        order_id: order.orderId,
        intent_id: intent.intentId,
        idempotency_key: intent.idempotencyKey,
        contract: intent.contract,
        side: intent.side,
        quantity,
        requested_quantity: intent.quantity,
        order_type: intent.orderType,
        limit_price: intent.limitPrice ?? null,
        time_in_force: intent.timeInForce,
        reduce_only: intent.reduceOnly,
        source: intent.source.kind === 'strategy' ? `strategy:${intent.source.strategyId}` : `operator:${intent.source.operator}`,
      }),
    );
    return order;
  }

  /** A fill of `quantity`: the order's filled count moves here and nowhere else, then the table decides the state. */
  fill(order: OmsOrder, quantity: number, event: 'FILL_FULL' | 'FILL_PARTIAL', atMs: number, why: string, out: PipelineEvent[]): boolean {
    order.filled += quantity;
    return this.apply(order, event, atMs, why, out);
  }

  /** Orders by outcome, for the session snapshot. */
  counts(): {
    orders: number;
    open: number;
    denied: number;
    rejected: number;
    canceled: number;
    expired: number;
    filled: number;
    partiallyFilled: number;
  } {
    const c = { orders: 0, open: 0, denied: 0, rejected: 0, canceled: 0, expired: 0, filled: 0, partiallyFilled: 0 };
    for (const o of this.orders.values()) {
      c.orders++;
      if (isWorking(o.state)) c.open++;
      if (o.state === 'DENIED') c.denied++;
      else if (o.state === 'REJECTED') c.rejected++;
      else if (o.state === 'CANCELED') c.canceled++;
      else if (o.state === 'EXPIRED') c.expired++;
      else if (o.state === 'FILLED') c.filled++;
      if (o.filled > 0 && o.filled < o.quantity) c.partiallyFilled++;
    }
    return c;
  }

  /** Apply an event through the table; outside the table the order is untouched and an `oms.error` is emitted. */
  apply(order: OmsOrder, event: OrderEvent, atMs: number, why: string | null, out: PipelineEvent[]): boolean {
    const r = transition(order.state, event);
    if (!r.ok) {
      out.push(
        pipelineEvent('oms.error', isoMillis(atMs), 'oms', {
          order_id: order.orderId,
          state: order.state,
          event,
          error: r.error,
          context: why,
        }),
      );
      return false;
    }
    const from = order.state;
    order.state = r.next;
    out.push(
      pipelineEvent('oms.transition', isoMillis(atMs), 'oms', {
        order_id: order.orderId,
        from,
        to: r.next,
        event,
        reason: why,
        filled: order.filled,
        quantity: order.quantity,
      }),
    );
    return true;
  }
}
