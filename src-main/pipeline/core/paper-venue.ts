import type { Quote, TradePrint } from '../../../src-shared/market/quote';
import type { OrderType, Side, TimeInForce } from '../../../src-shared/orders/intent';
import { reason } from '../../../src-shared/risk/check-result';
import { bookFromQuote, crossingSize, displayedAt, oppositeLevels, sizeWithin, takeLiquidity, type VenueBook } from './matching';

/** An order as the simulated venue sees it once it has arrived. */
export interface VenueOrder {
  orderId: string;
  contract: string;
  side: Side;
  remaining: number;
  orderType: OrderType;
  limitPrice: number | null;
  tif: TimeInForce;
  arrivalMs: number;
  /** bid + ask at arrival (doubled mid, integer), for slippage; null if a side was missing. */
  arrivalMid2: number | null;
  /** Immediate orders execute once, on the first quote stamped at or after arrival; a ROD limit takes what crosses then rests. */
  firstPassDone: boolean;
  /** Displayed size ahead of a resting limit at its price, from entry; trade prints at the price deplete it. */
  queueAhead: number;
}

export type VenueAction =
  | { kind: 'fill'; orderId: string; price: number; quantity: number; liquidity: 'maker' | 'taker'; why: string; bookTs: number }
  | { kind: 'cancel'; orderId: string; why: string };

/**
 * The paper venue: it matches arrived orders against the books it has seen, never against a quote
 * stamped before the order arrived. It decides; the trading core records (OMS, portfolio, events).
 */
export class PaperVenue {
  /** Latest quote per contract; its depleting working copy is built only when an order needs it. */
  private readonly quotes = new Map<string, Quote>();
  private readonly books = new Map<string, VenueBook>();
  private readonly orders: VenueOrder[] = [];

  constructor(private readonly protectionPoints: number) {}

  book(contract: string): VenueBook | undefined {
    let b = this.books.get(contract);
    if (b === undefined) {
      const q = this.quotes.get(contract);
      if (q === undefined) return undefined;
      b = bookFromQuote(q);
      this.books.set(contract, b);
    }
    return b;
  }

  working(): readonly VenueOrder[] {
    return this.orders;
  }

  find(orderId: string): VenueOrder | undefined {
    return this.orders.find((o) => o.orderId === orderId);
  }

  remove(orderId: string): VenueOrder | undefined {
    const i = this.orders.findIndex((o) => o.orderId === orderId);
    if (i < 0) return undefined;
    return this.orders.splice(i, 1)[0];
  }

  /** Record a fill reported from outside the matching loop (fault injection) against the remaining quantity. */
  reduceRemaining(orderId: string, quantity: number): void {
    const o = this.find(orderId);
    if (o === undefined) return;
    o.remaining -= quantity;
    if (o.remaining <= 0) this.remove(orderId);
  }

  /** Arrival: refuse when there is no usable data, otherwise accept and match if the book is current. */
  arrive(
    order: Omit<VenueOrder, 'arrivalMid2' | 'firstPassDone' | 'queueAhead'>,
  ): { ok: false; why: string } | { ok: true; actions: VenueAction[]; arrivalMid2: number | null; queueAhead: number } {
    const book = this.book(order.contract);
    if (book === undefined || book.unreliable) {
      return { ok: false, why: reason('DATA_UNAVAILABLE', { contract: order.contract, book: book === undefined ? 'none' : 'unreliable' }) };
    }
    const bestBid = book.bids[0]?.price ?? null;
    const bestAsk = book.asks[0]?.price ?? null;
    const v: VenueOrder = {
      ...order,
      arrivalMid2: bestBid !== null && bestAsk !== null ? bestBid + bestAsk : null,
      firstPassDone: false,
      queueAhead: order.limitPrice === null ? 0 : displayedAt(book, order.side, order.limitPrice),
    };
    this.orders.push(v);
    // The book stands until it changes: the order meets the latest book at its arrival (the venue only
    // ever holds quotes up to now, so that book's time is <= the arrival). MARKET, IOC and FOK never wait.
    const actions: VenueAction[] = [];
    this.firstPass(v, book, actions);
    return { ok: true, actions, arrivalMid2: v.arrivalMid2, queueAhead: v.queueAhead };
  }

  onQuote(quote: Quote): readonly VenueAction[] {
    this.quotes.set(quote.contract, quote);
    this.books.delete(quote.contract);
    if (this.orders.length === 0 || !anyNeedsBook(this.orders, quote)) return NO_ACTIONS;
    const book = this.book(quote.contract);
    return book === undefined ? [] : this.matchOrders(book);
  }

  /**
   * Prints at a resting limit's price eat the queue ahead of it, then fill it (maker, at its price). On a
   * synthesized book prints are the only evidence of trading, so a print through the limit (below a buy,
   * above a sell) also fills it: the price could not have traded there while the order still rested.
   */
  onTrade(trade: TradePrint): VenueAction[] {
    const actions: VenueAction[] = [];
    const synthesized = this.quotes.get(trade.contract)?.book === 'synthesized';
    let available = trade.size;
    for (const o of [...this.orders]) {
      if (available <= 0) break;
      if (o.contract !== trade.contract || !o.firstPassDone || o.limitPrice === null || trade.exchangeTs < o.arrivalMs) continue;
      const through = synthesized && (o.side === 'BUY' ? trade.price < o.limitPrice : trade.price > o.limitPrice);
      if (through) o.queueAhead = 0;
      else if (o.limitPrice !== trade.price) continue;
      const eaten = Math.min(o.queueAhead, available);
      o.queueAhead -= eaten;
      available -= eaten;
      if (o.queueAhead > 0 || available <= 0) continue;
      const q = Math.min(o.remaining, available);
      available -= q;
      const print = { print_price: trade.price, print_size: trade.size };
      const why = through
        ? fillReason('TRADE_THROUGH_FILL', synthesized, { limit: o.limitPrice, ...print })
        : fillReason('QUEUE_FILL', synthesized, print);
      actions.push(this.fillAction(o, o.limitPrice, q, 'maker', why, trade.exchangeTs));
    }
    return actions;
  }

  private fillAction(
    o: VenueOrder,
    price: number,
    quantity: number,
    liquidity: 'maker' | 'taker',
    why: string,
    bookTs: number,
  ): VenueAction {
    o.remaining -= quantity;
    if (o.remaining === 0) this.remove(o.orderId);
    return { kind: 'fill', orderId: o.orderId, price, quantity, liquidity, why, bookTs };
  }

  private cancelAction(o: VenueOrder, why: string): VenueAction {
    this.remove(o.orderId);
    return { kind: 'cancel', orderId: o.orderId, why };
  }

  private matchOrders(book: VenueBook): VenueAction[] {
    const actions: VenueAction[] = [];
    for (const o of [...this.orders]) {
      if (o.contract !== book.contract || book.exchangeTs < o.arrivalMs) continue;
      if (!o.firstPassDone) this.firstPass(o, book, actions);
      // A synthesized book only restates the last print: a resting limit fills from prints (onTrade), not from it.
      else if (!book.unreliable && !book.synthesized && o.limitPrice !== null) this.restingPass(o, book, actions);
    }
    return actions;
  }

  /** The order meets its first current book: immediate orders execute and end; a ROD limit takes what crosses. */
  private firstPass(o: VenueOrder, book: VenueBook, out: VenueAction[]): void {
    o.firstPassDone = true;
    const immediate = o.orderType === 'MARKET' || o.tif !== 'ROD';
    if (book.unreliable) {
      if (immediate) out.push(this.cancelAction(o, reason('DATA_UNAVAILABLE', { contract: o.contract, book: 'unreliable' })));
      return;
    }
    const levels = oppositeLevels(book, o.side);
    let bound = o.limitPrice;
    if (o.orderType === 'MARKET') {
      const best = levels[0]?.price ?? null;
      if (best === null) {
        out.push(this.cancelAction(o, reason('DEPTH_EXHAUSTED', { filled: 0, remaining: o.remaining })));
        return;
      }
      bound = o.side === 'BUY' ? best + this.protectionPoints : best - this.protectionPoints;
    }
    if (o.tif === 'FOK') {
      const available = sizeWithin(levels, o.side, bound);
      if (available < o.remaining) {
        out.push(this.cancelAction(o, reason('FOK_NOT_FILLABLE', { qty: o.remaining, available, bound })));
        return;
      }
    }
    const before = o.remaining;
    const take = takeLiquidity(levels, o.side, o.remaining, bound);
    for (const f of take.fills) {
      const why = fillReason('TAKE_DEPTH', book.synthesized, { level_price: f.price, bound });
      out.push(this.fillAction(o, f.price, f.quantity, 'taker', why, book.exchangeTs));
    }
    if (take.remaining === 0) return;
    const filled = before - take.remaining;
    if (o.orderType === 'MARKET') {
      const code = take.stop === 'bound' ? 'PRICE_PROTECTION' : 'DEPTH_EXHAUSTED';
      out.push(this.cancelAction(o, reason(code, { filled, remaining: take.remaining, bound })));
    } else if (o.tif === 'IOC') {
      out.push(this.cancelAction(o, reason('IOC_REMAINDER_CANCELED', { filled, remaining: take.remaining, limit: bound })));
    } else if (filled > 0) {
      // A ROD limit that took liquidity joins the back of its own level: nobody displayed there is behind it.
      o.queueAhead = displayedAt(book, o.side, o.limitPrice ?? 0);
    }
  }

  /** A resting limit fills at its own price once the opposite best reaches it, up to the size shown at or through it. */
  private restingPass(o: VenueOrder, book: VenueBook, out: VenueAction[]): void {
    const limit = o.limitPrice ?? 0;
    const shown = crossingSize(book, o.side, limit);
    if (shown <= 0) return;
    const q = Math.min(o.remaining, shown);
    takeLiquidity(oppositeLevels(book, o.side), o.side, q, limit);
    out.push(this.fillAction(o, limit, q, 'maker', reason('CROSSED_RESTING_LIMIT', { limit, shown }), book.exchangeTs));
  }
}

/** A fill's reason; one made against a synthesized book, or with its queue taken from one, says so. */
function fillReason(code: string, synthesized: boolean, fields: Record<string, number | null>): string {
  return reason(code, synthesized ? { ...fields, book: 'synthesized' } : fields);
}

/** Shared by every quote no working order can use; callers only read it. */
const NO_ACTIONS: readonly VenueAction[] = Object.freeze([]);

function anyNeedsBook(orders: readonly VenueOrder[], q: Quote): boolean {
  for (const o of orders) if (needsBook(o, q)) return true;
  return false;
}

/** Cheap test before copying a book: only a first pass or a crossed resting limit can act on this quote. */
function needsBook(o: VenueOrder, q: Quote): boolean {
  if (o.contract !== q.contract || q.exchangeTs < o.arrivalMs) return false;
  if (!o.firstPassDone) return true;
  if (o.limitPrice === null || q.book === 'synthesized') return false;
  return o.side === 'BUY' ? q.ask !== null && q.ask <= o.limitPrice : q.bid !== null && q.bid >= o.limitPrice;
}
