import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNTHETIC_BOOK, SyntheticBookSchema, type SyntheticBook } from '../../../src-shared/market/book-model';
import type { Quote, TradePrint } from '../../../src-shared/market/quote';
import { PaperVenue, type VenueAction } from '../../../src-main/pipeline/core/paper-venue';
import { synthesizedQuote } from '../../../src-main/pipeline/market-data/synthesized-book';

/**
 * The paper venue on trade-only data: books are synthesized from prints under the stated model, a
 * resting limit fills from prints at its price (queue first) or through it, never from a synthesized
 * quote crossing it, and every fill says what it was made against.
 */
const C = 'TX 202612';
const T0 = Date.UTC(2026, 11, 1, 1, 0, 0);

function print(at: number, price: number, size: number): TradePrint {
  return {
    contract: C,
    price,
    size,
    exchangeTs: T0 + at,
    receiveTs: T0 + at,
    session: 'regular',
    auction: false,
    tradingDay: '2026-12-01',
  };
}

function bookAfter(p: TradePrint, hitAsk: boolean, model: SyntheticBook = DEFAULT_SYNTHETIC_BOOK): Quote {
  return synthesizedQuote({ ...p, tradingDay: '2026-12-01', last: p.price, lastSize: p.size }, hitAsk, model, 1);
}

function realQuote(at: number, bid: number, ask: number, size = 5): Quote {
  return {
    ...bookAfter(print(at, ask, size), true),
    bid,
    ask,
    bids: [{ price: bid, size }],
    asks: [{ price: ask, size }],
    book: undefined,
  };
}

function order(id: string, side: 'BUY' | 'SELL', qty: number, limit: number | null, tif: 'ROD' | 'IOC' = 'ROD', at = 10) {
  return {
    orderId: id,
    contract: C,
    side,
    remaining: qty,
    orderType: limit === null ? ('MARKET' as const) : ('LIMIT' as const),
    limitPrice: limit,
    tif,
    arrivalMs: T0 + at,
  };
}

const fills = (actions: readonly VenueAction[]) => actions.filter((a) => a.kind === 'fill');

describe('synthesized book', () => {
  it('states spread and level sizes by session, on the side the print traded', () => {
    const model = SyntheticBookSchema.parse({
      spreadTicks: { regular: 2, after_hours: 3 },
      levelSizes: { regular: [4, 6, 8], after_hours: 'print' },
    });
    const up = bookAfter(print(0, 23000, 7), true, model);
    expect(up).toMatchObject({ bid: 22998, ask: 23000, bidSize: 4, askSize: 4, book: 'synthesized', regime: 'imported' });
    expect(up.asks).toEqual([
      { price: 23000, size: 4 },
      { price: 23001, size: 6 },
      { price: 23002, size: 8 },
    ]);
    const night = synthesizedQuote(
      { ...print(0, 23000, 7), session: 'after_hours', tradingDay: '2026-12-01', last: 23000, lastSize: 7 },
      false,
      model,
      1,
    );
    expect(night).toMatchObject({ bid: 23000, ask: 23003 });
    expect(night.bids.map((l) => l.size)).toEqual([7, 7, 7, 7, 7]);
  });

  it('defaults to one tick and the print size on five levels, and refuses what it does not know', () => {
    expect(DEFAULT_SYNTHETIC_BOOK).toEqual({
      spreadTicks: { regular: 1, after_hours: 1 },
      levelSizes: { regular: 'print', after_hours: 'print' },
    });
    expect(SyntheticBookSchema.safeParse({ spreadTick: { regular: 1 } }).success).toBe(false);
    expect(SyntheticBookSchema.safeParse({ spreadTicks: { regular: 0 } }).success).toBe(false);
    expect(SyntheticBookSchema.safeParse({ levelSizes: { regular: [1, 2, 3, 4, 5, 6] } }).success).toBe(false);
    expect(SyntheticBookSchema.safeParse({ levelSizes: { regular: [] } }).success).toBe(false);
    expect(SyntheticBookSchema.safeParse({ levelSizes: { regular: [2.5] } }).success).toBe(false);
  });
});

describe('paper venue on trade-only data', () => {
  it('a taker fill against a synthesized book says so', () => {
    const v = new PaperVenue(10);
    v.onTrade(print(0, 23000, 3));
    v.onQuote(bookAfter(print(0, 23000, 3), true));
    const r = v.arrive(order('O-000001', 'BUY', 4, null, 'IOC'));
    expect(r.ok).toBe(true);
    const f = fills(r.ok ? r.actions : []);
    expect(f.map((a) => a.kind === 'fill' && [a.price, a.quantity])).toEqual([
      [23000, 3],
      [23001, 1],
    ]);
    for (const a of f) expect(a.kind === 'fill' && a.why).toMatch(/^TAKE_DEPTH: .*book=synthesized$/);
  });

  it('a resting limit is not filled by a synthesized quote crossing it, only by prints', () => {
    const v = new PaperVenue(10);
    v.onQuote(bookAfter(print(0, 23001, 2), true)); // bid 23000 ask 23001
    const r = v.arrive(order('O-000001', 'BUY', 2, 23000));
    expect(r.ok && r.queueAhead).toBe(2);
    expect(fills(r.ok ? r.actions : [])).toEqual([]);
    // A print at 23000 of 1 (queue ahead 2 -> 1), then a synthesized book whose ask sits on the limit.
    expect(v.onTrade(print(100, 23000, 1))).toEqual([]);
    expect(v.onQuote(bookAfter(print(100, 23000, 1), false))).toEqual([]);
    expect(v.onQuote({ ...bookAfter(print(150, 22999, 9), false), ask: 23000, asks: [{ price: 23000, size: 9 }] })).toEqual([]);
    // The next print at the limit eats the last one ahead, then fills one.
    const at = v.onTrade(print(200, 23000, 2));
    expect(at).toEqual([
      expect.objectContaining({
        kind: 'fill',
        price: 23000,
        quantity: 1,
        liquidity: 'maker',
        why: 'QUEUE_FILL: print_price=23000, print_size=2, book=synthesized',
      }),
    ]);
    // A print through the limit clears the queue and fills the rest at the limit.
    const through = v.onTrade(print(300, 22998, 5));
    expect(through).toEqual([
      expect.objectContaining({
        kind: 'fill',
        price: 23000,
        quantity: 1,
        liquidity: 'maker',
        why: 'TRADE_THROUGH_FILL: limit=23000, print_price=22998, print_size=5, book=synthesized',
      }),
    ]);
    expect(v.working()).toEqual([]);
  });

  it('on a source with its own quotes, a crossing quote still fills a resting limit and prints through it do not', () => {
    const v = new PaperVenue(10);
    v.onQuote(realQuote(0, 23000, 23001));
    v.arrive(order('O-000001', 'BUY', 2, 23000));
    expect(v.onTrade(print(50, 22998, 5))).toEqual([]);
    const crossed = v.onQuote(realQuote(100, 22999, 23000, 1));
    expect(crossed).toEqual([
      expect.objectContaining({ kind: 'fill', price: 23000, quantity: 1, why: 'CROSSED_RESTING_LIMIT: limit=23000, shown=1' }),
    ]);
  });

  it('queue on prints: a resting order fills exactly what prints at its price leave after the queue ahead, never more', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.record({ price: fc.integer({ min: 22998, max: 23003 }), size: fc.integer({ min: 1, max: 8 }) }), { maxLength: 25 }),
        (displayed, qty, prints) => {
          const v = new PaperVenue(10);
          v.onQuote(bookAfter(print(0, 23001, displayed), true)); // bid 23000 x displayed
          v.arrive(order('O-000001', 'BUY', qty, 23000));
          let filled = 0;
          let ahead = displayed;
          let expected = 0;
          prints.forEach((p, i) => {
            const t = print(100 + i, p.price, p.size);
            for (const a of v.onTrade(t)) if (a.kind === 'fill') filled += a.quantity;
            v.onQuote(bookAfter(t, p.price > 23000));
            const left = qty - expected;
            if (left <= 0 || p.price > 23000) return;
            if (p.price < 23000) ahead = 0;
            const eaten = Math.min(ahead, p.size);
            ahead -= eaten;
            if (ahead === 0) expected += Math.min(left, p.size - eaten);
          });
          expect(filled).toBe(expected);
          expect(filled).toBeLessThanOrEqual(qty);
        },
      ),
    );
  });
});
