import type { DepthLevel } from '../../../src-shared/market/quote';
import type { Side } from '../../../src-shared/orders/intent';

/** The venue's working copy of a quote's book: fills deplete it until the next quote replaces it. */
export interface VenueBook {
  contract: string;
  bids: DepthLevel[];
  asks: DepthLevel[];
  exchangeTs: number;
  receiveTs: number;
  /** Set when the source marks the data unusable (stale regime, no sides): never fill from it. */
  unreliable: boolean;
  /** Built from a print under the session's stated book model, not a source's own quote. */
  synthesized: boolean;
}

export interface TakeResult {
  fills: { price: number; quantity: number }[];
  remaining: number;
  /** Why the walk stopped with quantity left: a level beyond the bound, or no level at all. */
  stop: 'done' | 'bound' | 'exhausted';
}

/** The side an order takes liquidity from. */
export function oppositeLevels(book: VenueBook, side: Side): DepthLevel[] {
  return side === 'BUY' ? book.asks : book.bids;
}

function within(side: Side, price: number, bound: number | null): boolean {
  if (bound === null) return true;
  return side === 'BUY' ? price <= bound : price >= bound;
}

/** Visible size at or better than the bound: what an IOC/FOK can count on. */
export function sizeWithin(levels: readonly DepthLevel[], side: Side, bound: number | null): number {
  let n = 0;
  for (const l of levels) {
    if (!within(side, l.price, bound)) break;
    n += l.size;
  }
  return n;
}

/** Walk the visible depth best first, up to `bound`, depleting the book. */
export function takeLiquidity(levels: DepthLevel[], side: Side, quantity: number, bound: number | null): TakeResult {
  const fills: { price: number; quantity: number }[] = [];
  let remaining = quantity;
  let hitBound = false;
  for (const level of levels) {
    if (remaining === 0) break;
    if (!within(side, level.price, bound)) {
      hitBound = true;
      break;
    }
    const q = Math.min(level.size, remaining);
    if (q > 0) {
      fills.push({ price: level.price, quantity: q });
      remaining -= q;
      level.size -= q;
    }
  }
  // Drop exhausted levels so later orders on the same quote see what is left.
  let drop = 0;
  while (drop < levels.length && (levels[drop]?.size ?? 0) === 0) drop++;
  if (drop > 0) levels.splice(0, drop);
  if (remaining === 0) return { fills, remaining, stop: 'done' };
  return { fills, remaining, stop: hitBound || levels.length > 0 ? 'bound' : 'exhausted' };
}

/** Displayed size at exactly `price` on the order's own side: the queue ahead of a new resting order. */
export function displayedAt(book: VenueBook, side: Side, price: number): number {
  const levels = side === 'BUY' ? book.bids : book.asks;
  for (const l of levels) if (l.price === price) return l.size;
  return 0;
}

/** Size shown at or through a resting limit on the opposite side (ask <= buy limit, bid >= sell limit). */
export function crossingSize(book: VenueBook, side: Side, limit: number): number {
  return sizeWithin(oppositeLevels(book, side), side, limit);
}

export function bookFromQuote(q: {
  contract: string;
  bid: number | null;
  bidSize: number;
  ask: number | null;
  askSize: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
  exchangeTs: number;
  receiveTs: number;
  regime: string;
  book?: 'synthesized';
}): VenueBook {
  const bids = q.bids.length > 0 ? q.bids.map((l) => ({ ...l })) : q.bid !== null ? [{ price: q.bid, size: q.bidSize }] : [];
  const asks = q.asks.length > 0 ? q.asks.map((l) => ({ ...l })) : q.ask !== null ? [{ price: q.ask, size: q.askSize }] : [];
  return {
    contract: q.contract,
    bids,
    asks,
    exchangeTs: q.exchangeTs,
    receiveTs: q.receiveTs,
    unreliable: q.regime === 'stale_quote' || (bids.length === 0 && asks.length === 0),
    synthesized: q.book === 'synthesized',
  };
}
