import { BROKER_FILL } from '../../../src-shared/events/broker-fill';
import { PORTFOLIO_UPDATE } from '../../../src-shared/events/portfolio-update';
import type { Quote } from '../../../src-shared/market/quote';
import { transition, type OrderEvent } from '../../../src-shared/oms/order-state-machine';
import { ratioToDecimal } from '../../../src-shared/portfolio/decimal';
import { reason } from '../../../src-shared/risk/check-result';
import type { Accounting, FillFacts } from './accounting';
import type { LatencyModel } from './latency-model';
import type { Oms, OmsOrder } from './oms';
import type { PaperVenue, VenueAction } from './paper-venue';
import type { SessionCalendar } from './session-calendar';
import type { StepLog } from './step-log';

export interface OrderRoutingParts {
  oms: Oms;
  venue: PaperVenue;
  latency: LatencyModel;
  accounts: Accounting;
  calendar: SessionCalendar;
  /** Latest quote per contract (the facade's), for marking the portfolio after a fill. */
  quotes: ReadonlyMap<string, Quote>;
  log: StepLog;
  /** After every recorded fill: the facade's equity watch (breaches belong to the risk side). */
  onFilled: (atMs: number) => void;
}

/**
 * An accepted order's way through the paper broker: arrival at the venue, ack timeouts, cancel requests
 * and their answers, the venue's fills and cancels, and the recording of each fill (OMS first, then
 * charges and the portfolio). It owns the fill ids; the order states stay the OMS's, the book the venue's.
 */
export class OrderRouting {
  private fillSeq = 0;
  private readonly oms: Oms;
  private readonly venue: PaperVenue;
  private readonly latency: LatencyModel;
  private readonly accounts: Accounting;
  private readonly calendar: SessionCalendar;
  private readonly quotes: ReadonlyMap<string, Quote>;
  private readonly log: StepLog;
  private readonly onFilled: (atMs: number) => void;

  constructor(parts: OrderRoutingParts) {
    this.oms = parts.oms;
    this.venue = parts.venue;
    this.latency = parts.latency;
    this.accounts = parts.accounts;
    this.calendar = parts.calendar;
    this.quotes = parts.quotes;
    this.log = parts.log;
    this.onFilled = parts.onFilled;
  }

  /** The order reaches the venue: rejected without a usable book, else acknowledged and matched. */
  arrive(order: OmsOrder, atMs: number): void {
    if (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL') return;
    this.latency.markArrived(order.orderId);
    const i = order.intent;
    const r = this.venue.arrive({
      orderId: order.orderId,
      contract: i.contract,
      side: i.side,
      remaining: order.quantity - order.filled,
      orderType: i.orderType,
      limitPrice: i.orderType === 'LIMIT' ? (i.limitPrice ?? null) : null,
      tif: i.timeInForce,
      arrivalMs: atMs,
    });
    if (!r.ok) {
      this.log.emit('broker.reject', atMs, 'broker', { order_id: order.orderId, reason: r.why });
      this.oms.apply(order, 'REJECT', atMs, r.why, this.log.events);
      return;
    }
    if (r.arrivalMid2 !== null) this.accounts.noteArrivalMid(order.orderId, r.arrivalMid2);
    this.log.emit('broker.ack', atMs, 'broker', {
      order_id: order.orderId,
      queue_ahead: order.intent.orderType === 'LIMIT' && order.intent.timeInForce === 'ROD' ? r.queueAhead : null,
      arrival_mid: r.arrivalMid2 !== null ? ratioToDecimal(r.arrivalMid2, 2) : null,
    });
    this.oms.apply(order, 'ACK', atMs, null, this.log.events);
    this.venueActions(r.actions, atMs);
  }

  ackTimeout(order: OmsOrder, atMs: number): void {
    if (this.latency.arrived(order.orderId) || (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL')) return;
    const why = reason('ACK_TIMEOUT', { timeout_ms: this.latency.ackTimeoutMs });
    this.venue.remove(order.orderId);
    this.log.emit('broker.reject', atMs, 'broker', { order_id: order.orderId, reason: why });
    this.oms.apply(order, 'ACK_TIMEOUT', atMs, why, this.log.events);
  }

  requestCancel(order: OmsOrder, why: string, by: string, nowMs: number): void {
    if (!this.oms.apply(order, 'CANCEL_REQUEST', nowMs, why, this.log.events)) return;
    const wire = this.latency.sendCancel(order.orderId, why, nowMs);
    this.log.emit('broker.cancel_request', nowMs, by === 'risk' ? 'risk' : by.startsWith('operator:') ? by : `operator:${by}`, {
      order_id: order.orderId,
      reason: why,
      ...wire,
    });
  }

  cancelArrived(order: OmsOrder, why: string, atMs: number): void {
    if (this.venue.find(order.orderId) !== undefined) {
      this.venue.remove(order.orderId);
      this.log.emit('broker.cancel', atMs, 'broker', { order_id: order.orderId, reason: why, filled: order.filled });
      this.oms.apply(order, 'CANCEL_ACK', atMs, why, this.log.events);
      return;
    }
    if (order.state === 'PENDING_CANCEL' && !this.latency.arrived(order.orderId)) {
      // The venue never saw the order (lost submit): it cannot answer; the ack timeout will end the order.
      this.log.emit('broker.cancel_reject', atMs, 'broker', {
        order_id: order.orderId,
        reason: reason('UNKNOWN_ORDER', { order_id: order.orderId }),
      });
      return;
    }
    const late = reason('CANCEL_TOO_LATE', { state: order.state, filled: order.filled });
    this.log.emit('broker.cancel_reject', atMs, 'broker', { order_id: order.orderId, reason: late });
    this.oms.apply(order, 'CANCEL_REJECT', atMs, late, this.log.events);
  }

  /** What the venue decided (fills, cancels), recorded in order. */
  venueActions(actions: readonly VenueAction[], atMs: number): void {
    for (const a of actions) {
      const order = this.oms.orders.get(a.orderId);
      if (order === undefined) continue;
      if (a.kind === 'cancel') {
        this.log.emit('broker.cancel', atMs, 'broker', { order_id: order.orderId, reason: a.why, filled: order.filled });
        this.oms.apply(order, 'VENUE_CANCEL', atMs, a.why, this.log.events);
      } else {
        this.fillSeq += 1;
        const fillId = `F-${String(this.fillSeq).padStart(6, '0')}`;
        this.recordFill(order, fillId, a.price, a.quantity, a.liquidity, a.why, atMs, a.bookTs);
      }
    }
  }

  /** One fill: OMS first (a fill the table refuses never reaches the portfolio), then fees, portfolio, breach watch. */
  recordFill(
    order: OmsOrder,
    fillId: string,
    price: number,
    quantity: number,
    liquidity: 'maker' | 'taker',
    why: string,
    atMs: number,
    bookTs: number,
  ): boolean {
    const event: OrderEvent = order.filled + quantity >= order.quantity ? 'FILL_FULL' : 'FILL_PARTIAL';
    const overfill = order.filled + quantity > order.quantity;
    const check = transition(order.state, event);
    if (overfill || !check.ok || quantity <= 0) {
      const error = overfill
        ? reason('OVERFILL', { filled: order.filled, qty: quantity, quantity: order.quantity })
        : check.ok
          ? 'EMPTY_FILL'
          : check.error;
      this.log.emit('oms.error', atMs, 'oms', { order_id: order.orderId, state: order.state, event, error, context: fillId });
      return false;
    }
    const day = this.calendar.tradingDay(atMs);
    const facts: FillFacts = { fillId, price, quantity, liquidity, why, bookTs };
    const { payload, charges } = this.accounts.fill(order, facts, day);
    this.log.emit(BROKER_FILL, atMs, 'broker', payload);
    this.oms.fill(order, quantity, event, atMs, why, this.log.events);
    this.log.emit(
      PORTFOLIO_UPDATE,
      atMs,
      'portfolio',
      this.accounts.post(order, facts, charges, this.quotes.get(order.intent.contract), day),
    );
    this.onFilled(atMs);
    return true;
  }
}
