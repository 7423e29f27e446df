import { exchangeTimeToEpoch, nextTradingDay, addDays, isTradingDay } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS } from '../../../src-shared/instruments/instruments';
import { DEFAULT_SYNTHETIC_BOOK, type SyntheticBook } from '../../../src-shared/market/book-model';
import type { ContractRef, MarketEvent, TradingSessionKind } from '../../../src-shared/market/quote';
import { fingerprintEvents } from './fingerprint';
import { MarketDataImportError, RowRefused, type DataRefusal } from './import-error';
import type { MarketDataSet } from './market-source';
import { synthesizedQuote, TickRule } from './synthesized-book';

/**
 * OHLCV bars (CSV, UTF-8) expanded into a deterministic quote path.
 *
 * Columns (header required, in this order): `contract,time,open,high,low,close,volume`
 *   contract  dated contract, e.g. `TX 202612`
 *   time      exchange time (Asia/Taipei) of the bar's start: `YYYY-MM-DD HH:MM` for 1-minute bars,
 *             `YYYY-MM-DD` for daily bars (one file holds one kind)
 *   open..close  integer index points, low <= open,close <= high
 *   volume    contracts traded in the bar (one side), integer >= 0
 *
 * Each bar becomes four waypoints O, then H and L (L first when close >= open, else H first), then C,
 * at 0/15/30/45 s into a 1-minute bar or 0/75/150/225 minutes after 08:45 for a daily bar. Each
 * waypoint is a trade print (the bar's volume split into four whole parts, remainder on the open)
 * followed by the quote the session's book model synthesizes on the side the tick rule says traded.
 */
export const OHLCV_HEADER = 'contract,time,open,high,low,close,volume';
export const MAX_OHLCV_BYTES = 64 * 1024 * 1024;

export interface OhlcvBar {
  contract: ContractRef;
  startsAt: number;
  session: TradingSessionKind;
  tradingDay: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface OhlcvImportOptions {
  holidays: readonly string[];
  id?: string;
  /** The book stated for the waypoints (the run spec's `fill_model.syntheticBook`); default `DEFAULT_SYNTHETIC_BOOK`. */
  book?: SyntheticBook;
}

const MINUTE_MS = 60_000;
const INTRADAY_OFFSETS_MS = [0, 15_000, 30_000, 45_000];
const DAILY_OFFSETS_MS = [0, 75 * MINUTE_MS, 150 * MINUTE_MS, 225 * MINUTE_MS];

export function importOhlcv(file: string, text: string, options: OhlcvImportOptions): MarketDataSet {
  const { interval, bars } = parseOhlcv(file, text, options.holidays);
  const offsets = interval === 'daily' ? DAILY_OFFSETS_MS : INTRADAY_OFFSETS_MS;
  const book = options.book ?? DEFAULT_SYNTHETIC_BOOK;
  const events = (): Iterable<MarketEvent> => expandBars(bars, offsets, book);
  let fingerprint: string | null = null;
  return {
    id: options.id ?? file.replace(/^.*[\\/]/, ''),
    contracts: [...new Set(bars.map((b) => b.contract))],
    events,
    get fingerprint(): string {
      fingerprint ??= fingerprintEvents(events());
      return fingerprint;
    },
  };
}

/** Parses the whole file before anything is returned, so a bad line refuses the file (with every bad line), never half of it. */
export function parseOhlcv(file: string, text: string, holidays: readonly string[]): { interval: 'daily' | 'minute'; bars: OhlcvBar[] } {
  const scan = scanOhlcv(file, text, holidays);
  if (scan.refused.length > 0) throw MarketDataImportError.ofRows(scan.refused);
  if (scan.bars.length === 0 || scan.interval === null) throw new MarketDataImportError(file, 0, 'no bars');
  return { interval: scan.interval, bars: scan.bars };
}

export interface OhlcvScan {
  interval: 'daily' | 'minute' | null;
  /** Good bars in time order (ties in file order). */
  bars: OhlcvBar[];
  rows: number;
  refused: DataRefusal[];
}

/** Reads every row, collecting each refused one with its reason; a wrong header or size throws. */
export function scanOhlcv(file: string, text: string, holidays: readonly string[]): OhlcvScan {
  if (text.length > MAX_OHLCV_BYTES) throw new MarketDataImportError(file, 0, `file larger than ${MAX_OHLCV_BYTES} bytes`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if ((lines[0] ?? '').trim() !== OHLCV_HEADER) throw new MarketDataImportError(file, 1, `header must be "${OHLCV_HEADER}"`);
  const bars: OhlcvBar[] = [];
  let kind: 'daily' | 'minute' | null = null;
  const lastStart = new Map<ContractRef, number>();
  const refused: DataRefusal[] = [];
  let rows = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    rows += 1;
    try {
      const bar = parseBarRow(raw, kind, lastStart, holidays);
      kind = bar.kind;
      lastStart.set(bar.bar.contract, bar.bar.startsAt);
      bars.push(bar.bar);
    } catch (e) {
      if (!(e instanceof RowRefused)) throw e;
      refused.push({ file, line: i + 1, reason: e.reason });
    }
  }
  // Stable sort: bars starting together keep file order, which is the tie order of their events.
  const sorted = bars.map((b, k) => ({ b, k })).sort((x, y) => x.b.startsAt - y.b.startsAt || x.k - y.k);
  return { interval: kind, bars: sorted.map((x) => x.b), rows, refused };
}

function parseBarRow(
  raw: string,
  kind: 'daily' | 'minute' | null,
  lastStart: ReadonlyMap<ContractRef, number>,
  holidays: readonly string[],
): { kind: 'daily' | 'minute'; bar: OhlcvBar } {
  const fail = (reason: string): never => {
    throw new RowRefused(reason);
  };
  const cells = raw.split(',').map((c) => c.trim());
  if (cells.length !== 7) fail(`expected 7 columns, found ${cells.length}`);
  const [contract, time, ...numbers] = cells as [string, string, string, string, string, string, string];
  try {
    parseContractRef(contract);
  } catch (e) {
    fail((e as Error).message);
  }
  const values = numbers.map((n, k) => {
    if (!/^\d{1,9}$/.test(n)) fail(`${['open', 'high', 'low', 'close', 'volume'][k]} "${n}" is not a whole non-negative number`);
    return Number(n);
  });
  const [open, high, low, close, volume] = values as [number, number, number, number, number];
  if (open <= 0 || high <= 0 || low <= 0 || close <= 0) fail('prices must be positive');
  if (low > Math.min(open, close) || high < Math.max(open, close))
    fail(`inconsistent bar: low ${low}, high ${high}, open ${open}, close ${close}`);
  const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}))?$/.exec(time);
  if (!m) fail(`time "${time}" is neither YYYY-MM-DD nor YYYY-MM-DD HH:MM`);
  const [, date, hh, mm] = m as RegExpExecArray;
  const rowKind = hh === undefined ? 'daily' : 'minute';
  if (kind !== null && rowKind !== kind) fail('a file holds either daily or 1-minute bars, not both');
  let placed: { startsAt: number; session: TradingSessionKind; tradingDay: string };
  try {
    placed = placeBar(date as string, hh, mm, holidays);
  } catch (e) {
    return fail((e as Error).message);
  }
  const previous = lastStart.get(contract);
  if (previous !== undefined && placed.startsAt <= previous) fail(`bars of ${contract} must be in strictly increasing time order`);
  return { kind: rowKind, bar: { contract, ...placed, open, high, low, close, volume } };
}

function placeBar(date: string, hh: string | undefined, mm: string | undefined, holidays: readonly string[]) {
  if (hh === undefined || mm === undefined) {
    if (!isTradingDay(date, holidays)) throw new Error(`${date} is not a trading day`);
    return { startsAt: exchangeTimeToEpoch(date, 8 * 60 + 45), session: 'regular' as const, tradingDay: date };
  }
  const minute = Number(hh) * 60 + Number(mm);
  if (Number(mm) > 59 || Number(hh) > 23) throw new Error(`time ${hh}:${mm} is not a clock time`);
  const startsAt = exchangeTimeToEpoch(date, minute);
  if (minute >= 8 * 60 + 45 && minute < 13 * 60 + 45) {
    if (!isTradingDay(date, holidays)) throw new Error(`${date} is not a trading day`);
    return { startsAt, session: 'regular' as const, tradingDay: date };
  }
  const nightDate = minute >= 15 * 60 ? date : minute < 5 * 60 ? addDays(date, -1) : null;
  if (nightDate === null) throw new Error(`${hh}:${mm} is outside both sessions (08:45-13:45, 15:00-05:00)`);
  if (!isTradingDay(nightDate, holidays)) throw new Error(`no after-hours session opened on ${nightDate}`);
  return { startsAt, session: 'after_hours' as const, tradingDay: nextTradingDay(nightDate, holidays) };
}

function waypoints(bar: OhlcvBar): number[] {
  return bar.close >= bar.open ? [bar.open, bar.low, bar.high, bar.close] : [bar.open, bar.high, bar.low, bar.close];
}

function* expandBars(bars: readonly OhlcvBar[], offsets: readonly number[], model: SyntheticBook): Generator<MarketEvent> {
  const tickRule = new TickRule();
  const lastTrade = new Map<ContractRef, { price: number; size: number }>();
  for (let start = 0; start < bars.length;) {
    let end = start;
    while (end < bars.length && (bars[end] as OhlcvBar).startsAt === (bars[start] as OhlcvBar).startsAt) end += 1;
    for (let k = 0; k < offsets.length; k += 1) {
      for (let b = start; b < end; b += 1) {
        const bar = bars[b] as OhlcvBar;
        const price = waypoints(bar)[k] as number;
        const share = Math.floor(bar.volume / 4) + (k === 0 ? bar.volume % 4 : 0);
        const hitAsk = tickRule.hitAsk(bar.contract, price, bar.close >= bar.open);
        const ts = bar.startsAt + (offsets[k] as number);
        const { tick } = INSTRUMENTS[parseContractRef(bar.contract).root];
        const at = { contract: bar.contract, exchangeTs: ts, receiveTs: ts, session: bar.session, tradingDay: bar.tradingDay };
        if (share > 0) {
          lastTrade.set(bar.contract, { price, size: share });
          yield { kind: 'trade', trade: { ...at, price, size: share, auction: false } };
        }
        const last = lastTrade.get(bar.contract);
        yield {
          kind: 'quote',
          quote: synthesizedQuote({ ...at, price, size: share, last: last?.price ?? null, lastSize: last?.size ?? 0 }, hitAsk, model, tick),
        };
      }
    }
    start = end;
  }
}
