import { describe, expect, it } from 'vitest';
import { dailyPriceLimits, exchangeTimeToEpoch } from '../../../src-shared/instruments/calendar';
import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import { fingerprintEvents } from '../../../src-main/pipeline/market-data/fingerprint';
import { generateMarket, GeneratorSpecSchema, type GeneratorSpec } from '../../../src-main/pipeline/market-data/generator';

const REGULAR_REGIMES: GeneratorSpec = {
  id: 'regimes',
  seed: 7,
  tradingDay: '2026-12-01',
  contracts: [{ contract: 'TX 202612', prevSettlement: 23150 }],
  sessions: ['regular'],
  regimes: {
    regular: [
      { atMinute: 0, regime: 'normal' },
      { atMinute: 60, regime: 'illiquid' },
      { atMinute: 120, regime: 'stale_quote' },
      { atMinute: 180, regime: 'volatile' },
      { atMinute: 240, regime: 'trending', trendPointsPerHour: 600 },
    ],
  },
};

const quotes = (events: Iterable<MarketEvent>): Quote[] => [...events].flatMap((e) => (e.kind === 'quote' ? [e.quote] : []));
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const gapsOf = (qs: Quote[]): number[] => qs.slice(1).map((q, i) => q.receiveTs - (qs[i] as Quote).receiveTs);

describe('generator determinism', () => {
  it('same spec + seed gives byte-identical events; another seed does not', () => {
    const a = generateMarket(REGULAR_REGIMES);
    const b = generateMarket(structuredClone(REGULAR_REGIMES));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(fingerprintEvents(a.events())).toBe(a.fingerprint);
    expect(generateMarket({ ...REGULAR_REGIMES, seed: 8 }).fingerprint).not.toBe(a.fingerprint);
  });

  it('adding a contract leaves the first contract stream unchanged', () => {
    const one = generateMarket(REGULAR_REGIMES);
    const two = generateMarket({
      ...REGULAR_REGIMES,
      contracts: [...REGULAR_REGIMES.contracts, { contract: 'MTX 202612', prevSettlement: 23100 }],
    });
    const onlyTx = [...two.events()].filter((e) => (e.kind === 'quote' ? e.quote.contract : e.trade.contract) === 'TX 202612');
    expect(fingerprintEvents(onlyTx)).toBe(one.fingerprint);
  });
});

describe('generator regimes', () => {
  const qs = quotes(generateMarket(REGULAR_REGIMES).events());
  const open = exchangeTimeToEpoch('2026-12-01', 8 * 60 + 45);
  const inMinutes = (from: number, to: number) =>
    qs.filter((q) => q.exchangeTs >= open + from * 60_000 && q.exchangeTs < open + to * 60_000);

  it('labels every quote with its regime and stays inside the regular session', () => {
    expect(new Set(inMinutes(0, 60).map((q) => q.regime))).toEqual(new Set(['normal']));
    expect(new Set(inMinutes(60, 120).map((q) => q.regime))).toEqual(new Set(['illiquid']));
    expect(qs[0]?.exchangeTs).toBe(open);
    expect(qs[0]?.receiveTs).toBe(open + 20);
    expect(qs.at(-1)?.exchangeTs).toBeLessThan(exchangeTimeToEpoch('2026-12-01', 13 * 60 + 45));
    expect(qs.every((q) => q.session === 'regular' && q.tradingDay === '2026-12-01')).toBe(true);
  });

  it('illiquid: wider spreads and tiny sizes than normal', () => {
    const spread = (q: Quote) => (q.ask as number) - (q.bid as number);
    const normal = inMinutes(0, 60);
    const illiquid = inMinutes(60, 120);
    expect(normal.every((q) => spread(q) === 1)).toBe(true);
    expect(Math.min(...illiquid.map(spread))).toBeGreaterThanOrEqual(6);
    expect(mean(illiquid.map(spread))).toBeGreaterThan(5 * mean(normal.map(spread)));
    expect(Math.max(...illiquid.map((q) => q.bidSize))).toBeLessThanOrEqual(2);
    expect(mean(normal.map((q) => q.bidSize))).toBeGreaterThan(5);
  });

  it('stale_quote: updates stop, so consecutive quotes are more than 2000 ms apart', () => {
    const stale = gapsOf(inMinutes(120, 180));
    const normal = gapsOf(inMinutes(0, 60));
    expect(Math.min(...stale)).toBeGreaterThanOrEqual(2500);
    expect(Math.max(...normal)).toBeLessThanOrEqual(1500);
    expect(inMinutes(120, 180).length).toBeLessThan(inMinutes(0, 60).length / 3);
  });

  it('volatile moves more per update than normal; trending drifts its way', () => {
    const absMove = (xs: Quote[]) => mean(xs.slice(1).map((q, i) => Math.abs((q.bid as number) - ((xs[i] as Quote).bid as number))));
    // Calibrated steps (docs/market-data.md): about twice normal's per update, at twice the update rate.
    expect(absMove(inMinutes(180, 240))).toBeGreaterThan(1.5 * absMove(inMinutes(0, 60)));
    const trend = inMinutes(240, 300);
    expect((trend.at(-1)?.bid as number) - (trend[0]?.bid as number)).toBeGreaterThan(300);
  });

  it('books are 5 levels per side, ordered, integer, one tick apart, inside the band', () => {
    const { lower, upper } = dailyPriceLimits(23150);
    const bad = qs.filter((q) => {
      const levelsOk = (levels: Quote['bids'], step: number) =>
        levels.length === 5 &&
        levels.every(
          (l, i) =>
            Number.isInteger(l.price) &&
            l.price >= lower &&
            l.price <= upper &&
            l.size >= 1 &&
            (i === 0 || l.price === (levels[i - 1]?.price as number) + step),
        );
      return !(
        levelsOk(q.bids, -1) &&
        levelsOk(q.asks, 1) &&
        q.bid === q.bids[0]?.price &&
        q.ask === q.asks[0]?.price &&
        (q.bid as number) < (q.ask as number)
      );
    });
    expect(bad).toEqual([]);
  });

  it('events are ordered by receiveTs and each trade prints at the touch of the quote that follows it', () => {
    const events = [...generateMarket(REGULAR_REGIMES).events()];
    let pending: { price: number; size: number; receiveTs: number } | null = null;
    let lastTs = 0;
    let trades = 0;
    for (const e of events) {
      const ts = e.kind === 'quote' ? e.quote.receiveTs : e.trade.receiveTs;
      expect(ts).toBeGreaterThanOrEqual(lastTs);
      lastTs = ts;
      if (e.kind === 'trade') {
        trades += 1;
        pending = e.trade;
      } else if (pending) {
        expect(e.quote.receiveTs).toBe(pending.receiveTs);
        expect([e.quote.bid, e.quote.ask]).toContain(pending.price);
        expect([e.quote.last, e.quote.lastSize]).toEqual([pending.price, pending.size]);
        pending = null;
      }
    }
    expect(trades).toBeGreaterThan(1000);
  });
});

describe('gaps and limit moves', () => {
  const spec: GeneratorSpec = {
    id: 'shocks',
    seed: 3,
    tradingDay: '2026-12-01',
    contracts: [{ contract: 'TX 202612', prevSettlement: 23150 }],
    sessions: ['regular'],
    shocks: [
      { kind: 'gap', session: 'regular', atMinute: 10, points: 200 },
      { kind: 'limit_move', session: 'regular', atMinute: 30, direction: 'up', minutes: 5 },
    ],
  };
  const qs = quotes(generateMarket(spec).events());

  it('a gap jumps the price by its points on one quote labelled gap', () => {
    const i = qs.findIndex((q) => q.regime === 'gap');
    expect(qs.filter((q) => q.regime === 'gap')).toHaveLength(1);
    const jump = (qs[i]?.bid as number) - (qs[i - 1]?.bid as number);
    expect(Math.abs(jump - 200)).toBeLessThanOrEqual(1);
  });

  it('a limit-up move locks the bid at the upper limit with nothing offered', () => {
    const locked = qs.filter((q) => q.regime === 'limit_move');
    expect(locked.length).toBeGreaterThan(100);
    const { upper } = dailyPriceLimits(23150);
    for (const q of locked) {
      expect(q.bid).toBe(upper);
      expect(q.ask).toBeNull();
      expect(q.asks).toEqual([]);
    }
    expect(Math.max(...qs.map((q) => q.ask ?? 0))).toBeLessThanOrEqual(upper);
  });
});

describe('a full trading day', () => {
  it('runs the after-hours session of the previous evening, then the regular session', () => {
    const ds = generateMarket({
      id: 'day',
      seed: 1,
      tradingDay: '2026-12-01',
      contracts: [{ contract: 'TMF 202612', prevSettlement: 23000 }],
      quoteIntervalMs: 5000,
    });
    const qs = quotes(ds.events());
    const nightOpen = exchangeTimeToEpoch('2026-11-30', 15 * 60);
    const nightClose = exchangeTimeToEpoch('2026-12-01', 5 * 60);
    const dayOpen = exchangeTimeToEpoch('2026-12-01', 8 * 60 + 45);
    expect(qs[0]?.exchangeTs).toBe(nightOpen);
    expect(qs[0]?.session).toBe('after_hours');
    expect(qs.every((q) => q.tradingDay === '2026-12-01')).toBe(true);
    expect(qs.filter((q) => q.exchangeTs >= nightClose && q.exchangeTs < dayOpen)).toEqual([]);
    expect(qs.filter((q) => q.session === 'after_hours').every((q) => q.exchangeTs < nightClose)).toBe(true);
    expect(qs.find((q) => q.session === 'regular')?.exchangeTs).toBe(dayOpen);
    expect(ds.contracts).toEqual(['TMF 202612']);
  });

  it('on the last trading day the expiring contract trades only 08:45-13:30', () => {
    const qs = quotes(
      generateMarket({
        id: 'expiry',
        seed: 1,
        tradingDay: '2026-12-16',
        contracts: [{ contract: 'TX 202612', prevSettlement: 23000 }],
      }).events(),
    );
    expect(qs[0]?.exchangeTs).toBe(exchangeTimeToEpoch('2026-12-16', 8 * 60 + 45));
    expect(qs.at(-1)?.exchangeTs).toBeLessThan(exchangeTimeToEpoch('2026-12-16', 13 * 60 + 30));
  });
});

describe('GeneratorSpecSchema', () => {
  it('rejects unknown keys, bad contracts and bad schedules', () => {
    const ok = GeneratorSpecSchema.safeParse(REGULAR_REGIMES);
    expect(ok.success).toBe(true);
    expect(GeneratorSpecSchema.safeParse({ ...REGULAR_REGIMES, speed: 2 }).success).toBe(false);
    expect(GeneratorSpecSchema.safeParse({ ...REGULAR_REGIMES, contracts: [{ contract: 'TX 2026-12', prevSettlement: 1 }] }).success).toBe(
      false,
    );
    expect(GeneratorSpecSchema.safeParse({ ...REGULAR_REGIMES, regimes: { regular: [{ atMinute: 5, regime: 'normal' }] } }).success).toBe(
      false,
    );
    expect(GeneratorSpecSchema.safeParse({ ...REGULAR_REGIMES, regimes: { regular: [{ atMinute: 0, regime: 'calm' }] } }).success).toBe(
      false,
    );
    expect(GeneratorSpecSchema.safeParse({ ...REGULAR_REGIMES, seed: 1.5 }).success).toBe(false);
  });

  it('refuses a contract that does not trade on the day', () => {
    expect(() => generateMarket({ ...REGULAR_REGIMES, contracts: [{ contract: 'TX 202705', prevSettlement: 23000 }] })).toThrow(
      /no session on 2026-12-01/,
    );
    expect(() => generateMarket({ ...REGULAR_REGIMES, tradingDay: '2026-12-05' })).toThrow(/no session/);
  });
});
