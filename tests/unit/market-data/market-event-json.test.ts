import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { marketEventJson } from '../../../src-main/pipeline/market-data/market-event-json';

/** Text of every kind: ASCII with quotes and controls, any code point, and lone surrogate halves. */
const text = fc.oneof(
  fc.constantFrom('TX 202612', 'MTX 202612', 'regular', 'after_hours', '2026-12-01', '', '"', '\\', '\n', '\u007f', '\u2028', '台指期'),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
);
const int = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constant(-0), fc.constant(2 ** 60));
const number = fc.oneof(int, fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, 0.1));
const price = fc.oneof(int, fc.constant(null));
const level = fc.record({ price: int, size: int });
const depth = fc.array(level, { maxLength: 6 });

const quote = fc.record(
  {
    contract: text,
    bid: price,
    bidSize: int,
    ask: price,
    askSize: int,
    last: price,
    lastSize: int,
    exchangeTs: int,
    receiveTs: int,
    session: text,
    bids: depth,
    asks: depth,
    regime: text,
    tradingDay: text,
  },
  {
    requiredKeys: [
      'contract',
      'bid',
      'bidSize',
      'ask',
      'askSize',
      'last',
      'lastSize',
      'exchangeTs',
      'receiveTs',
      'session',
      'bids',
      'asks',
      'regime',
    ],
  },
);
const trade = fc.record(
  { contract: text, price: int, size: int, exchangeTs: int, receiveTs: int, session: text, auction: fc.boolean(), tradingDay: text },
  { requiredKeys: ['contract', 'price', 'size', 'exchangeTs', 'receiveTs', 'session', 'auction'] },
);
const wellFormed = fc.oneof(
  quote.map((q) => ({ kind: 'quote', quote: q })),
  trade.map((t) => ({ kind: 'trade', trade: t })),
);

/** Shapes the fast path must hand to canonicalize: odd values, extra or undefined keys, nested objects, holes. */
const odd = fc.oneof(
  number,
  text,
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.object({ maxDepth: 2 }),
  fc.array(fc.anything()),
);
const mangled = fc
  .tuple(wellFormed, fc.constantFrom('event', 'body', 'level'), fc.oneof(fc.constantFrom('bid', 'price', 'kind', 'tradingDay'), text), odd)
  .map(([event, where, key, value]) => {
    const e = structuredClone(event) as Record<string, unknown>;
    const body = (e.quote ?? e.trade) as Record<string, unknown>;
    const level = (body.bids as Record<string, unknown>[] | undefined)?.[0];
    const target = where === 'event' ? e : where === 'level' && level !== undefined ? level : body;
    target[key] = value;
    return e;
  });

function canonicalOrError(v: unknown): string {
  try {
    return canonicalize(v) ?? 'undefined';
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}
function fastOrError(v: unknown): string {
  try {
    return marketEventJson(v as MarketEvent);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

describe('marketEventJson', () => {
  it('writes exactly what canonicalize writes for generated quotes and trades', () => {
    fc.assert(
      fc.property(wellFormed, (e) => {
        expect(fastOrError(e)).toBe(canonicalOrError(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with canonicalize (value or error) on mangled events', () => {
    fc.assert(
      fc.property(mangled, (e) => {
        expect(fastOrError(e)).toBe(canonicalOrError(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes sorted members, plain integers, null sides and empty depth', () => {
    const e: MarketEvent = {
      kind: 'quote',
      quote: {
        contract: 'TMF 202612',
        bid: null,
        bidSize: 0,
        ask: 23000,
        askSize: 7,
        last: null,
        lastSize: 0,
        exchangeTs: 1796101500000,
        receiveTs: 1796101500020,
        session: 'after_hours',
        bids: [],
        asks: [{ price: 23000, size: 7 }],
        regime: 'limit_move',
        tradingDay: '2026-12-02',
      },
    };
    expect(marketEventJson(e)).toBe(
      '{"kind":"quote","quote":{"ask":23000,"askSize":7,"asks":[{"price":23000,"size":7}],"bid":null,"bidSize":0,"bids":[],' +
        '"contract":"TMF 202612","exchangeTs":1796101500000,"last":null,"lastSize":0,"receiveTs":1796101500020,' +
        '"regime":"limit_move","session":"after_hours","tradingDay":"2026-12-02"}}',
    );
  });

  it('escapes strings the RFC 8785 way and refuses lone surrogates like canonicalize', () => {
    const t = (contract: string): MarketEvent => ({
      kind: 'trade',
      trade: { contract, price: 1, size: 1, exchangeTs: 0, receiveTs: 0, session: 'regular', auction: true },
    });
    expect(marketEventJson(t('a"b\\c\n\u0001é😀'))).toContain('"contract":"a\\"b\\\\c\\n\\u0001é😀"');
    expect(() => marketEventJson(t('\ud800'))).toThrow(/surrogate/i);
  });
});
