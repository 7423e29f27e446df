import { readPipelinePayload, type PipelineRecord } from '../../../src-shared/events/catalog';
import type { LoggedEvent, OrderStep, OrderTimeline } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { sessionEvents } from './session-log';

/** The order-scoped event types a timeline shows, each read with its catalog schema. */
const ORDER_TYPES = [
  'risk.decision',
  'oms.order',
  'oms.transition',
  'oms.error',
  'broker.submit',
  'broker.ack',
  'broker.reject',
  'broker.fill',
  'broker.fill_duplicate',
  'broker.cancel_request',
  'broker.cancel',
  'broker.cancel_reject',
  'broker.expire',
] as const;
type OrderEventType = (typeof ORDER_TYPES)[number];
const isOrderType = (t: string): t is OrderEventType => (ORDER_TYPES as readonly string[]).includes(t);

/** One logged order event, its payload typed by its schema. */
type OrderEvent = { [T in OrderEventType]: { type: T; p: PipelineRecord<T> } }[OrderEventType];

function readOrderEvent(e: LoggedEvent): OrderEvent | null {
  if (!isOrderType(e.type)) return null;
  const p = readPipelinePayload(e.type, e.payload);
  return p === null ? null : ({ type: e.type, p } as OrderEvent);
}

/** What the row of one step says: the state it leads to and the reason the log recorded for it. */
function stepOf(e: LoggedEvent, o: OrderEvent): OrderStep {
  const step = { seq: e.seq, ts: e.ts, type: e.type, state: null, reason: null, quantity: null, price: null };
  switch (o.type) {
    case 'oms.order':
      return { ...step, state: 'INITIALIZED', quantity: o.p.quantity };
    case 'oms.transition':
      return { ...step, state: o.p.to, reason: o.p.reason ?? o.p.event, quantity: o.p.quantity };
    case 'risk.decision':
      return { ...step, state: o.p.verdict, reason: o.p.reason };
    case 'broker.fill':
      return { ...step, reason: o.p.reason, quantity: o.p.quantity, price: o.p.price };
    case 'broker.reject':
    case 'broker.fill_duplicate':
    case 'broker.cancel_request':
    case 'broker.cancel':
    case 'broker.cancel_reject':
    case 'broker.expire':
      return { ...step, reason: o.p.reason };
    case 'oms.error':
    case 'broker.submit':
    case 'broker.ack':
      return step;
  }
}

interface Folding {
  first: number;
  steps: OrderStep[];
  head: PipelineRecord<'oms.order'> | null;
  risk: PipelineRecord<'risk.decision'> | null;
  filled: number;
}

/**
 * Groups a session log into one timeline per order: every event naming the order id, in seq
 * order. The risk decision precedes the `oms.order` that creates the order, so it is kept too.
 * Events are read with the event catalog's schemas; one that is not the core's shape is left out,
 * not guessed at (the evidence report names such events).
 */
export function foldOrderTimelines(events: readonly LoggedEvent[]): OrderTimeline[] {
  const byId = new Map<string, Folding>();
  for (const e of events) {
    const o = readOrderEvent(e);
    if (o === null) continue;
    const id = o.p.order_id;
    let f = byId.get(id);
    if (!f) byId.set(id, (f = { first: e.seq, steps: [], head: null, risk: null, filled: 0 }));
    if (o.type === 'oms.order') f.head = o.p;
    if (o.type === 'risk.decision') f.risk = o.p;
    if (o.type === 'oms.transition') f.filled = o.p.filled;
    f.steps.push(stepOf(e, o));
  }
  const out: OrderTimeline[] = [];
  for (const [orderId, f] of [...byId.entries()].sort((a, b) => a[1].first - b[1].first)) {
    const head = f.head;
    const lastTransition = [...f.steps].reverse().find((s) => s.type === 'oms.transition');
    out.push({
      orderId,
      intentId: head?.intent_id ?? f.risk?.intent_id ?? null,
      contract: head?.contract ?? '',
      side: head?.side ?? '',
      quantity: head?.quantity ?? f.risk?.requested ?? 0,
      orderType: head?.order_type ?? '',
      timeInForce: head?.time_in_force ?? '',
      limitPrice: head?.limit_price ?? null,
      source: head?.source ?? '',
      state: lastTransition?.state ?? f.steps[f.steps.length - 1]?.state ?? 'UNKNOWN',
      filled: f.filled,
      steps: f.steps,
    });
  }
  return out;
}

export function orderTimelines(ctx: AppContext, sessionId: string): { orders: OrderTimeline[]; logSize: number } {
  const events = sessionEvents(ctx, sessionId);
  return { orders: foldOrderTimelines(events), logSize: events.length };
}
