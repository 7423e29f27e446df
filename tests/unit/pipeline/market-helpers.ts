import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import type { OwnPositions } from '../../../src-main/pipeline/strategies/strategy';

export const T0 = Date.parse('2026-12-01T01:00:00.000Z');

/** A two-sided quote one point wide around `bid`, at T0 + i seconds. */
export function quoteAt(i: number, bid: number, contract = 'TX 202612'): MarketEvent {
  const quote: Quote = {
    contract,
    bid,
    bidSize: 10,
    ask: bid + 1,
    askSize: 10,
    last: bid,
    lastSize: 1,
    exchangeTs: T0 + i * 1000,
    receiveTs: T0 + i * 1000,
    session: 'regular',
    bids: [{ price: bid, size: 10 }],
    asks: [{ price: bid + 1, size: 10 }],
    regime: 'normal',
  };
  return { kind: 'quote', quote };
}

export function positions(map: Record<string, number> = {}): OwnPositions {
  return { net: (c) => map[c] ?? 0 };
}
