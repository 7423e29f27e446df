import type { DepthLevel } from '../../../src-shared/market/quote';

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

/**
 * The quote an imported trade implies when the source has no book: a one-tick spread with the trade on
 * the side the tick rule says was hit (an uptick lifted the ask, a downtick hit the bid, an unchanged
 * price keeps the previous side), five levels per side, each showing the trade's size.
 */
export function bookAroundTrade(
  price: number,
  size: number,
  hitAsk: boolean,
  tick: number,
): { bid: number; ask: number; bids: DepthLevel[]; asks: DepthLevel[] } {
  const bid = hitAsk ? price - tick : price;
  const ask = hitAsk ? price : price + tick;
  const sizes = new Array<number>(DEPTH_LEVELS).fill(Math.max(1, size));
  return {
    bid,
    ask,
    bids: ladder(bid, 'bid', sizes, tick, 1, Number.MAX_SAFE_INTEGER),
    asks: ladder(ask, 'ask', sizes, tick, 1, Number.MAX_SAFE_INTEGER),
  };
}
