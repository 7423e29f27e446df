import { readBrokerFill } from '../../../src-shared/events/broker-fill';
import { readPipelinePayload } from '../../../src-shared/events/catalog';
import type { MarketEvent } from '../../../src-shared/market/quote';
import type { JsonObject } from '../../../src-shared/json';
import type { MarketSeriesOutput } from '../../../src-shared/views/view-calls';
import type { AppContext } from '../../app-context';
import { runSpecFromObject } from '../../pipeline/runner/run-spec';
import { openMarketData } from '../../pipeline/runner/session-setup';
import { getSession } from '../sessions/session-service';
import { fixtureSpecsDir } from './fixture-specs';
import { sessionEvents } from './session-log';

type Bar = { time: number; open: number; high: number; low: number; close: number };

/** Exact for integer bid/ask: a half point is representable in a double. */
const midOf = (e: MarketEvent, contract: string): number | null =>
  e.kind === 'quote' && e.quote.contract === contract && e.quote.bid !== null && e.quote.ask !== null
    ? (e.quote.bid + e.quote.ask) / 2
    : null;

/**
 * Buckets the contract's mid prices into at most `maxPoints` bars of whole seconds. Two passes
 * over the lazy data set: the first finds the span, the second fills the buckets, so memory stays
 * at the size of the answer however long the day is.
 */
export function bucketMids(
  events: () => Iterable<MarketEvent>,
  contract: string,
  maxPoints: number,
): { bars: Bar[]; quotes: number; widthMs: number } {
  let first: number | null = null;
  let last = 0;
  let quotes = 0;
  for (const e of events()) {
    if (midOf(e, contract) === null || e.kind !== 'quote') continue;
    quotes++;
    first ??= e.quote.exchangeTs;
    last = Math.max(last, e.quote.exchangeTs);
  }
  if (first === null) return { bars: [], quotes: 0, widthMs: 0 };
  const start = Math.floor(first / 1000) * 1000;
  const spanMs = last - start + 1;
  const widthMs = Math.max(1000, Math.ceil(spanMs / maxPoints / 1000) * 1000);
  const bars = new Map<number, Bar>();
  for (const e of events()) {
    const mid = midOf(e, contract);
    if (mid === null || e.kind !== 'quote') continue;
    const idx = Math.floor((e.quote.exchangeTs - start) / widthMs);
    const bar = bars.get(idx);
    if (!bar) bars.set(idx, { time: (start + idx * widthMs) / 1000, open: mid, high: mid, low: mid, close: mid });
    else {
      bar.high = Math.max(bar.high, mid);
      bar.low = Math.min(bar.low, mid);
      bar.close = mid;
    }
  }
  return { bars: [...bars.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b), quotes, widthMs };
}

const CACHE_SIZE = 8;

/**
 * The market path a session traded on, rebuilt from the deterministic data set its spec names
 * (the pipeline logs decisions, not every quote). The data set's fingerprint must equal the one the
 * session logged at start; otherwise the chart would show a different market, so it is refused.
 */
export function marketSeries(ctx: AppContext, input: { sessionId: string; contract?: string; maxPoints: number }): MarketSeriesOutput {
  const { session, spec } = getSession(ctx, input.sessionId);
  const key = `${input.sessionId}|${session.specHash}|${input.contract ?? ''}|${input.maxPoints}`;
  const byKey = ctx.state.seriesCache;
  const hit = byKey.get(key);
  if (hit) return hit;
  const answer = computeSeries(ctx, input, spec);
  // A session whose log has no start yet may still gain one; only cache what cannot change.
  if (answer.available) {
    if (byKey.size >= CACHE_SIZE) byKey.delete(byKey.keys().next().value!);
    byKey.set(key, answer);
  }
  return answer;
}

function computeSeries(
  ctx: AppContext,
  input: { sessionId: string; contract?: string; maxPoints: number },
  spec: JsonObject,
): MarketSeriesOutput {
  let opened;
  try {
    opened = openMarketData(runSpecFromObject(spec, fixtureSpecsDir(), `session ${input.sessionId}`));
  } catch (err) {
    return { available: false, reason: `DATA_UNAVAILABLE: ${(err as Error).message.split('\n').slice(0, 3).join(' ')}` };
  }
  const data = opened.data;
  const specContracts = Array.isArray(spec.contracts)
    ? spec.contracts.flatMap((c) =>
        typeof c === 'object' && c !== null && !Array.isArray(c) && typeof c.contract === 'string' ? [c.contract] : [],
      )
    : [];
  const contracts = data.contracts.filter((c) => specContracts.length === 0 || specContracts.includes(c));
  const contract = input.contract ?? contracts[0];
  if (contract === undefined || !contracts.includes(contract)) {
    return { available: false, reason: `UNKNOWN_CONTRACT: contract=${input.contract ?? '-'}, available=${contracts.join('|') || '-'}` };
  }
  const started = sessionEvents(ctx, input.sessionId, 'session.started')[0];
  const logged = started ? readPipelinePayload('session.started', started.payload)?.data_fingerprint : undefined;
  if (logged !== undefined && logged !== data.fingerprint) {
    return { available: false, reason: `DATA_MISMATCH: logged=${logged.slice(0, 12)}, found=${data.fingerprint.slice(0, 12)}` };
  }
  const { bars, quotes, widthMs } = bucketMids(() => data.events(), contract, input.maxPoints);
  const fills = sessionEvents(ctx, input.sessionId, 'broker.fill').flatMap((e) => {
    const p = readBrokerFill(e.payload);
    if (p === null || p.contract !== contract || bars.length === 0) return [];
    const at = Date.parse(p.book_ts);
    const first = bars[0]!.time * 1000;
    // Markers sit on a bar, so snap the fill to the start of its bucket.
    const time = (first + Math.max(0, Math.floor((at - first) / widthMs)) * widthMs) / 1000;
    return [{ time, side: p.side, price: p.price, quantity: p.quantity, fillId: p.fill_id }];
  });
  return { available: true, contracts, contract, dataId: data.id, dataFingerprint: data.fingerprint, quoteCount: quotes, bars, fills };
}
