import { levelSizesFor, type SyntheticBook } from '../../../src-shared/market/book-model';
import type { ContractRef, DepthLevel, Quote, TradingSessionKind } from '../../../src-shared/market/quote';

export const DEPTH_LEVELS = 5;

/**
 * A ladder of up to five levels, one tick apart, moving away from the best price. Levels that would fall
 * outside [floor, ceiling] (the daily limit band) are left out rather than clamped onto one price.
 */
export function ladder(
  best: number,
  side: 'bid' | 'ask',
  sizes: readonly number[],
  tick: number,
  floor: number,
  ceiling: number,
): DepthLevel[] {
  const levels: DepthLevel[] = [];
  const step = side === 'bid' ? -tick : tick;
  for (let i = 0; i < sizes.length; i += 1) {
    const price = best + i * step;
    if (price < floor || price > ceiling) break;
    levels.push({ price, size: sizes[i] as number });
  }
  return levels;
}

/** The side a print traded on, by the tick rule: an uptick lifted the ask, a downtick hit the bid, unchanged keeps the side. */
export class TickRule {
  private readonly previous = new Map<ContractRef, { price: number; hitAsk: boolean }>();

  /** `firstHitAsk` is the side assumed for a contract's first print. */
  hitAsk(contract: ContractRef, price: number, firstHitAsk: boolean): boolean {
    const prev = this.previous.get(contract);
    const hitAsk = prev === undefined ? firstHitAsk : price === prev.price ? prev.hitAsk : price > prev.price;
    this.previous.set(contract, { price, hitAsk });
    return hitAsk;
  }
}

export interface PrintAt {
  contract: ContractRef;
  /** The price the book is built around and the size its `print` levels show. */
  price: number;
  size: number;
  exchangeTs: number;
  receiveTs: number;
  session: TradingSessionKind;
  tradingDay: string;
  /** The last trade the quote reports (an OHLCV waypoint without a print keeps the previous one). */
  last: number | null;
  lastSize: number;
}

/**
 * The quote a print implies under the session's stated book model (`SyntheticBook`): the print on the
 * side it traded, the other side `spreadTicks` away, the model's level sizes, stamped at the print.
 * Marked `book: 'synthesized'` so the venue and every fill can say what the fill was made against.
 */
export function synthesizedQuote(at: PrintAt, hitAsk: boolean, model: SyntheticBook, tick: number): Quote {
  const spread = model.spreadTicks[at.session] * tick;
  const bid = hitAsk ? at.price - spread : at.price;
  const ask = hitAsk ? at.price : at.price + spread;
  const sizes = levelSizesFor(model, at.session, at.size);
  const bids = ladder(bid, 'bid', sizes, tick, 1, Number.MAX_SAFE_INTEGER);
  const asks = ladder(ask, 'ask', sizes, tick, 1, Number.MAX_SAFE_INTEGER);
  return {
    contract: at.contract,
    bid: bids[0]?.price ?? null,
    bidSize: bids[0]?.size ?? 0,
    ask: asks[0]?.price ?? null,
    askSize: asks[0]?.size ?? 0,
    last: at.last,
    lastSize: at.lastSize,
    exchangeTs: at.exchangeTs,
    receiveTs: at.receiveTs,
    session: at.session,
    bids,
    asks,
    regime: 'imported',
    tradingDay: at.tradingDay,
    book: 'synthesized',
  };
}
