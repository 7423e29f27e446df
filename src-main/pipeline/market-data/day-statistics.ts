import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS } from '../../../src-shared/instruments/instruments';
import type { ContractRef, MarketEvent, Regime, TradingSessionKind } from '../../../src-shared/market/quote';

const MINUTE_MS = 60_000;

/** Intraday statistics of one contract in one session, overall and per quote regime. */
export interface SessionStatistics {
  session: TradingSessionKind;
  /** Standard deviation of 1-minute mid-price returns (last mid of each minute), basis points. */
  oneMinuteVolBps: number;
  /** (high - low) / open of the mid, basis points. */
  rangeBps: number;
  rangePoints: number;
  quotesPerMinute: number;
  byRegime: Partial<Record<Regime, RegimeStatistics>>;
}

export interface RegimeStatistics {
  quotes: number;
  /** Mean spread in ticks over two-sided quotes. */
  meanSpreadTicks: number;
  /** Median best-bid and best-ask size over two-sided quotes, contracts. */
  medianTopSize: number;
  quotesPerMinute: number;
  /** 1-minute mid return volatility within the regime's minutes (minutes wholly in one regime), bps. */
  oneMinuteVolBps: number | null;
}

interface Acc {
  firstTs: number;
  lastTs: number;
  quotes: number;
  minuteMid: Map<number, { mid: number; regime: Regime }>;
  high: number;
  low: number;
  open: number | null;
  regimes: Map<
    Regime,
    { quotes: number; spreadTicks: number; twoSided: number; sizes: number[]; firstTs: number; lastTs: number; ms: number }
  >;
}

/**
 * Measures a market data set the way a TX trader would look at a day: 1-minute return volatility,
 * range, spread and top size by session and regime, and quote rate. Used to calibrate the generator
 * against the reference figures in docs/market-data.md.
 */
export function dayStatistics(events: Iterable<MarketEvent>, contract: ContractRef): SessionStatistics[] {
  const { tick } = INSTRUMENTS[parseContractRef(contract).root];
  const sessions = new Map<TradingSessionKind, Acc>();
  let prevTs: number | null = null;
  let prevRegime: Regime | null = null;
  for (const e of events) {
    if (e.kind !== 'quote' || e.quote.contract !== contract) continue;
    const q = e.quote;
    let acc = sessions.get(q.session);
    if (!acc) {
      acc = {
        firstTs: q.exchangeTs,
        lastTs: q.exchangeTs,
        quotes: 0,
        minuteMid: new Map(),
        high: -Infinity,
        low: Infinity,
        open: null,
        regimes: new Map(),
      };
      sessions.set(q.session, acc);
      prevTs = null;
    }
    acc.quotes += 1;
    acc.lastTs = q.exchangeTs;
    const r = acc.regimes.get(q.regime) ?? {
      quotes: 0,
      spreadTicks: 0,
      twoSided: 0,
      sizes: [],
      firstTs: q.exchangeTs,
      lastTs: q.exchangeTs,
      ms: 0,
    };
    r.quotes += 1;
    // Time in a regime: the interval from the previous quote, charged to the regime that quote was in.
    if (prevTs !== null && prevRegime !== null) {
      const pr = acc.regimes.get(prevRegime);
      if (pr) pr.ms += q.exchangeTs - prevTs;
    }
    prevTs = q.exchangeTs;
    prevRegime = q.regime;
    acc.regimes.set(q.regime, r);
    if (q.bid === null || q.ask === null) continue;
    r.twoSided += 1;
    r.spreadTicks += (q.ask - q.bid) / tick;
    r.sizes.push(q.bidSize, q.askSize);
    const mid = (q.bid + q.ask) / 2;
    acc.open ??= mid;
    acc.high = Math.max(acc.high, mid);
    acc.low = Math.min(acc.low, mid);
    const minute = Math.floor(q.exchangeTs / MINUTE_MS);
    const prevMin = acc.minuteMid.get(minute);
    // A minute belongs to a regime only when every quote in it had that regime.
    acc.minuteMid.set(minute, { mid, regime: prevMin && prevMin.regime !== q.regime ? ('mixed' as Regime) : q.regime });
  }
  return [...sessions.entries()].map(([session, acc]) => {
    const minutes = Math.max(1, (acc.lastTs - acc.firstTs) / MINUTE_MS);
    const byRegime: Partial<Record<Regime, RegimeStatistics>> = {};
    for (const [regime, r] of acc.regimes) {
      const sizes = [...r.sizes].sort((a, b) => a - b);
      byRegime[regime] = {
        quotes: r.quotes,
        meanSpreadTicks: r.twoSided === 0 ? 0 : r.spreadTicks / r.twoSided,
        medianTopSize: sizes.length === 0 ? 0 : (sizes[Math.floor(sizes.length / 2)] as number),
        quotesPerMinute: r.ms === 0 ? 0 : r.quotes / (r.ms / MINUTE_MS),
        oneMinuteVolBps: minuteVol(acc.minuteMid, regime),
      };
    }
    return {
      session,
      oneMinuteVolBps: minuteVol(acc.minuteMid, null) ?? 0,
      rangeBps: acc.open === null ? 0 : ((acc.high - acc.low) / acc.open) * 10_000,
      rangePoints: acc.open === null ? 0 : acc.high - acc.low,
      quotesPerMinute: acc.quotes / minutes,
      byRegime,
    };
  });
}

/** Std dev of log returns between consecutive minutes' last mids (consecutive minutes only), in bps. */
function minuteVol(minuteMid: ReadonlyMap<number, { mid: number; regime: Regime }>, regime: Regime | null): number | null {
  const returns: number[] = [];
  for (const [minute, cur] of minuteMid) {
    const prev = minuteMid.get(minute - 1);
    if (!prev) continue;
    if (regime !== null && (cur.regime !== regime || prev.regime !== regime)) continue;
    returns.push(Math.log(cur.mid / prev.mid) * 10_000);
  }
  if (returns.length < 2) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  return Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1));
}
