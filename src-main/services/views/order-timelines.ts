import type { JsonObject, JsonValue } from '../../../src-shared/json';
import type { LoggedEvent, OrderStep, OrderTimeline } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { sessionEvents } from './session-log';

const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const int = (v: JsonValue | undefined): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const num = (v: JsonValue | undefined): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null;

/** What the row of one step says: the state it leads to and the reason the log recorded for it. */
function stepOf(e: LoggedEvent): OrderStep {
  const p: JsonObject = e.payload;
  let state: string | null = null;
  if (e.type === 'oms.transition') state = str(p.to);
  else if (e.type === 'risk.decision') state = str(p.verdict);
  else if (e.type === 'oms.order') state = 'INITIALIZED';
  return {
    seq: e.seq,
    ts: e.ts,
    type: e.type,
    state,
    reason: str(p.reason) ?? str(p.explanation) ?? (e.type === 'oms.transition' ? str(p.event) : null),
    quantity: int(p.quantity),
    price: e.type === 'broker.fill' ? num(p.price) : null,
  };
}

/**
 * Groups a session log into one timeline per order: every event naming the order id, in seq
 * order. The risk decision precedes the `oms.order` that creates the order, so it is kept too.
 */
export function foldOrderTimelines(events: readonly LoggedEvent[]): OrderTimeline[] {
  const byId = new Map<string, { first: number; steps: OrderStep[]; head: JsonObject | null; risk: JsonObject | null; filled: number }>();
  for (const e of events) {
    const id = str(e.payload.order_id);
    if (id === null || !(e.type.startsWith('oms.') || e.type.startsWith('broker.') || e.type === 'risk.decision')) continue;
    let o = byId.get(id);
    if (!o) byId.set(id, (o = { first: e.seq, steps: [], head: null, risk: null, filled: 0 }));
    if (e.type === 'oms.order') o.head = e.payload;
    if (e.type === 'risk.decision') o.risk = e.payload;
    if (e.type === 'oms.transition') o.filled = int(e.payload.filled) ?? o.filled;
    o.steps.push(stepOf(e));
  }
  const out: OrderTimeline[] = [];
  for (const [orderId, o] of [...byId.entries()].sort((a, b) => a[1].first - b[1].first)) {
    const head = o.head ?? {};
    const lastTransition = [...o.steps].reverse().find((s) => s.type === 'oms.transition');
    out.push({
      orderId,
      intentId: str(head.intent_id) ?? str(o.risk?.intent_id),
      contract: str(head.contract) ?? '',
      side: str(head.side) ?? '',
      quantity: int(head.quantity) ?? int(o.risk?.requested) ?? 0,
      orderType: str(head.order_type) ?? '',
      timeInForce: str(head.time_in_force) ?? '',
      limitPrice: num(head.limit_price),
      source: str(head.source) ?? '',
      state: lastTransition?.state ?? o.steps[o.steps.length - 1]?.state ?? 'UNKNOWN',
      filled: o.filled,
      steps: o.steps,
    });
  }
  return out;
}

export function orderTimelines(ctx: AppContext, sessionId: string): { orders: OrderTimeline[]; logSize: number } {
  const events = sessionEvents(ctx, sessionId);
  return { orders: foldOrderTimelines(events), logSize: events.length };
}
