import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { dailyPriceLimits, sessionsOfTradingDay, type SessionWindow } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS } from '../../../src-shared/instruments/instruments';
import type { ContractRef, MarketEvent, Quote, Regime, TradePrint } from '../../../src-shared/market/quote';
import { fingerprintEvents } from './fingerprint';
import {
  GeneratorSpecSchema,
  type GeneratorRegime,
  type GeneratorShock,
  type GeneratorSpec,
  type ParsedGeneratorSpec,
  type RegimeSegment,
} from './generator-spec';
import type { MarketDataSet } from './market-source';
import { DEPTH_LEVELS, ladder } from './synthesized-book';
import { mergeByReceiveTs } from './merge-events';

export { GeneratorSpecSchema, type GeneratorSpec } from './generator-spec';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * How each regime shapes the book. Intervals are fractions of `quoteIntervalMs` as [num, den] pairs so
 * every draw stays an integer. `stale_quote` takes its interval from `staleGapMs` instead.
 */
interface RegimeProfile {
  intervalLo: [number, number];
  intervalHi: [number, number];
  spread: [number, number];
  step: number;
  topSize: [number, number];
  tradePercent: number;
}

export const REGIME_PROFILES: Readonly<Record<GeneratorRegime | 'limit_move', RegimeProfile>> = Object.freeze({
  normal: { intervalLo: [1, 2], intervalHi: [3, 2], spread: [1, 1], step: 2, topSize: [5, 30], tradePercent: 40 },
  trending: { intervalLo: [1, 2], intervalHi: [3, 2], spread: [1, 2], step: 2, topSize: [5, 25], tradePercent: 50 },
  volatile: { intervalLo: [1, 4], intervalHi: [3, 4], spread: [1, 4], step: 4, topSize: [1, 10], tradePercent: 70 },
  illiquid: { intervalLo: [1, 1], intervalHi: [2, 1], spread: [6, 20], step: 3, topSize: [1, 2], tradePercent: 10 },
  stale_quote: { intervalLo: [1, 1], intervalHi: [1, 1], spread: [1, 2], step: 1, topSize: [3, 20], tradePercent: 0 },
  limit_move: { intervalLo: [1, 2], intervalHi: [3, 2], spread: [1, 1], step: 0, topSize: [50, 300], tradePercent: 30 },
});

/**
 * The after-hours session is thinner and calmer than the regular one (docs/market-data.md, calibration):
 * updates half as often, price steps and top sizes about half as large.
 */
export const AFTER_HOURS = Object.freeze({ intervalFactor: 2, stepDivisor: 2, sizeDivisor: 2 });

interface StreamEvent {
  receiveTs: number;
  event: MarketEvent;
}

/**
 * A seeded, lazily generated market day. Same spec + seed = the same events, byte for byte: each
 * contract draws from its own xoroshiro128+ stream (the seed's stream jumped once per contract index),
 * so adding a contract never changes the others.
 */
export function generateMarket(input: GeneratorSpec): MarketDataSet {
  const spec = GeneratorSpecSchema.parse(input);
  const windows = spec.contracts.map((c) => {
    const w = sessionsOfTradingDay(c.contract, spec.tradingDay, spec.holidays).filter((s) => spec.sessions.includes(s.kind));
    if (w.length === 0) throw new Error(`${c.contract} has no session on ${spec.tradingDay} (not listed, expired or not a trading day)`);
    return w;
  });
  const events = (): Iterable<MarketEvent> =>
    mergeByReceiveTs(
      spec.contracts.map((c, i) => contractStream(spec, i, c.contract, c.prevSettlement, c.open ?? c.prevSettlement, windows[i] ?? [])),
    );
  let fingerprint: string | null = null;
  return {
    id: spec.id,
    contracts: spec.contracts.map((c) => c.contract),
    events,
    get fingerprint(): string {
      fingerprint ??= fingerprintEvents(events());
      return fingerprint;
    },
  };
}

function contractRng(seed: number, index: number): RandomGenerator {
  const rng = xoroshiro128plus(seed);
  for (let i = 0; i < index; i += 1) rng.jump();
  return rng;
}

function regimeAt(schedule: readonly RegimeSegment[], minute: number): RegimeSegment {
  let current = schedule[0] as RegimeSegment;
  for (const seg of schedule) if (seg.atMinute <= minute) current = seg;
  return current;
}

function* contractStream(
  spec: ParsedGeneratorSpec,
  index: number,
  contract: ContractRef,
  prevSettlement: number,
  open: number,
  windows: readonly SessionWindow[],
): Generator<StreamEvent> {
  const rng = contractRng(spec.seed, index);
  const { tick } = INSTRUMENTS[parseContractRef(contract).root];
  const { lower, upper } = dailyPriceLimits(prevSettlement);
  const draw = (lo: number, hi: number): number => uniformInt(rng, lo, hi);
  let center = clamp(open, lower, upper);
  let lastPrice: number | null = null;
  let lastSize = 0;
  // Scratch for the drawn depth sizes: ladder() copies them into the levels, so one pair serves every quote.
  const sizes = new Array<number>(DEPTH_LEVELS).fill(0);
  const askSizes = new Array<number>(DEPTH_LEVELS).fill(0);
  for (const window of windows) {
    const schedule = spec.regimes[window.kind];
    const shocks: GeneratorShock[] = spec.shocks.filter((s) => s.session === window.kind).sort((a, b) => a.atMinute - b.atMinute);
    let nextShock = 0;
    let lockedUntil = -1;
    let lockedAt = 0;
    // Drift accumulates in point-milliseconds so a slow trend never needs a fractional price.
    let drift = 0;
    let previousT = window.opensAt;
    for (let t = window.opensAt; t < window.closesAt;) {
      const segment = regimeAt(schedule, Math.floor((t - window.opensAt) / MINUTE_MS));
      let label: Regime = segment.regime;
      while (nextShock < shocks.length && window.opensAt + (shocks[nextShock] as GeneratorShock).atMinute * MINUTE_MS <= t) {
        const shock = shocks[nextShock] as GeneratorShock;
        nextShock += 1;
        if (shock.kind === 'gap') {
          center = clamp(center + shock.points, lower, upper);
          label = 'gap';
        } else {
          lockedUntil = window.opensAt + (shock.atMinute + shock.minutes) * MINUTE_MS;
          lockedAt = shock.direction === 'up' ? upper : lower;
        }
      }
      const locked = t < lockedUntil;
      if (locked) label = 'limit_move';
      const base = REGIME_PROFILES[locked ? 'limit_move' : segment.regime];
      const profile = window.kind === 'after_hours' ? afterHours(base) : base;

      if (locked) {
        center = lockedAt;
      } else if (label !== 'gap') {
        center += draw(-profile.step, profile.step);
        if (segment.regime === 'trending') {
          drift += (segment.trendPointsPerHour ?? 0) * (t - previousT);
          const whole = Math.trunc(drift / HOUR_MS);
          center += whole;
          drift -= whole * HOUR_MS;
        }
        center = clamp(center, lower, upper);
      }

      const spread = draw(profile.spread[0], profile.spread[1]) * tick;
      const topSize = draw(profile.topSize[0], profile.topSize[1]);
      sizes[0] = topSize;
      for (let i = 1; i < DEPTH_LEVELS; i += 1) sizes[i] = topSize + draw(0, topSize * 2);
      const askTop = draw(profile.topSize[0], profile.topSize[1]);
      askSizes[0] = askTop;
      for (let i = 1; i < DEPTH_LEVELS; i += 1) askSizes[i] = askTop + draw(0, askTop * 2);

      let bid: number | null;
      let ask: number | null;
      if (locked && lockedAt === upper) {
        // Locked limit-up: buyers queue at the limit and nothing is offered inside the band.
        bid = upper;
        ask = null;
      } else if (locked) {
        bid = null;
        ask = lower;
      } else {
        bid = center - Math.floor(spread / 2 / tick) * tick;
        ask = bid + spread;
        if (ask > upper) {
          ask = upper;
          bid = upper - spread;
        }
        if (bid < lower) {
          bid = lower;
          ask = lower + spread;
        }
      }

      previousT = t;
      const receiveTs = t + spec.feedLatencyMs;
      if (draw(0, 99) < profile.tradePercent) {
        const price = bid !== null && (ask === null || draw(0, 1) === 0) ? bid : (ask as number);
        const size = draw(1, Math.max(1, Math.min(topSize, 10)));
        lastPrice = price;
        lastSize = size;
        const trade: TradePrint = {
          contract,
          price,
          size,
          exchangeTs: t,
          receiveTs,
          session: window.kind,
          auction: false,
          tradingDay: window.tradingDay,
        };
        yield { receiveTs, event: { kind: 'trade', trade } };
      }
      const bids = bid === null ? [] : ladder(bid, 'bid', sizes, tick, lower, upper);
      const asks = ask === null ? [] : ladder(ask, 'ask', askSizes, tick, lower, upper);
      const quote: Quote = {
        contract,
        bid,
        bidSize: bids[0]?.size ?? 0,
        ask,
        askSize: asks[0]?.size ?? 0,
        last: lastPrice,
        lastSize,
        exchangeTs: t,
        receiveTs,
        session: window.kind,
        bids,
        asks,
        regime: label,
        tradingDay: window.tradingDay,
      };
      yield { receiveTs, event: { kind: 'quote', quote } };

      t +=
        !locked && segment.regime === 'stale_quote'
          ? draw(spec.staleGapMs.min, spec.staleGapMs.max)
          : draw(
              Math.max(1, Math.floor((spec.quoteIntervalMs * profile.intervalLo[0]) / profile.intervalLo[1])),
              Math.max(1, Math.floor((spec.quoteIntervalMs * profile.intervalHi[0]) / profile.intervalHi[1])),
            );
    }
  }
}

const nightProfiles = new Map<RegimeProfile, RegimeProfile>();

/** A regime's profile in the after-hours session (see AFTER_HOURS); computed once per regime. */
function afterHours(p: RegimeProfile): RegimeProfile {
  let night = nightProfiles.get(p);
  if (!night) {
    const { intervalFactor: f, stepDivisor, sizeDivisor } = AFTER_HOURS;
    night = {
      ...p,
      intervalLo: [p.intervalLo[0] * f, p.intervalLo[1]],
      intervalHi: [p.intervalHi[0] * f, p.intervalHi[1]],
      step: p.step === 0 ? 0 : Math.max(1, Math.round(p.step / stepDivisor)),
      topSize: [Math.max(1, Math.round(p.topSize[0] / sizeDivisor)), Math.max(1, Math.round(p.topSize[1] / sizeDivisor))],
    };
    nightProfiles.set(p, night);
  }
  return night;
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}
