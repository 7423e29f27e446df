import iconv from 'iconv-lite';
import { addDays, dayNumber, exchangeTimeToEpoch, isTradingDay, nextTradingDay } from '../../../src-shared/instruments/calendar';
import { formatContractRef, parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS, ROOTS, type Root } from '../../../src-shared/instruments/instruments';
import { DEFAULT_SYNTHETIC_BOOK, type SyntheticBook } from '../../../src-shared/market/book-model';
import type { ContractRef, MarketEvent, TradePrint } from '../../../src-shared/market/quote';
import { bytesZipSource, inflateEntry, readZipDirectory, ZipRefused, type ZipEntry } from '../../io/zip-reader';
import { fingerprintEvents } from './fingerprint';
import { MarketDataImportError, RowRefused, type DataRefusal } from './import-error';
import type { MarketDataSet } from './market-source';
import { synthesizedQuote, TickRule } from './synthesized-book';

/**
 * TAIFEX daily tick files (`Daily_YYYY_MM_DD.csv`, or the `.zip` holding it), cp950/Big5, one trade a
 * row. See docs/market-data.md for the rules; in short: spread rows (expiry with '/') are dropped, the
 * B+S volume is halved, after-hours rows (15:00-05:00) belong to the next trading day, the auction
 * column flags opening-auction prints, and only TX/MTX/TMF monthly contracts are kept.
 */
export const TAIFEX_HEADER = [
  '成交日期',
  '商品代號',
  '到期月份(週別)',
  '成交時間',
  '成交價格',
  '成交數量(B+S)',
  '近月價格',
  '遠月價格',
  '開盤集合競價',
];

/** A day of every TAIFEX product is tens of MB; anything far beyond is refused before it is read. */
export const DEFAULT_MAX_TAIFEX_BYTES = 256 * 1024 * 1024;

export interface TaifexImportOptions {
  holidays: readonly string[];
  /** Roots to keep; default all three. */
  roots?: readonly Root[];
  /** Largest accepted CSV (after unzipping) and zip, in bytes. */
  maxBytes?: number;
  id?: string;
  /** The book stated for the prints (the run spec's `fill_model.syntheticBook`); default `DEFAULT_SYNTHETIC_BOOK`. */
  book?: SyntheticBook;
}

export interface TaifexImportStats {
  rows: number;
  kept: number;
  spreadRowsDropped: number;
  otherProductsDropped: number;
  weeklyDropped: number;
}

export type TaifexDataSet = MarketDataSet & { stats: TaifexImportStats };

const REGULAR = [8 * 60 + 45, 13 * 60 + 45];
const NIGHT_OPEN = 15 * 60;
const NIGHT_CLOSE = 5 * 60;

/** `bytes` is the file's content; `file` names it in errors and, without `options.id`, in the data set id. */
export function importTaifexDaily(file: string, bytes: Uint8Array, options: TaifexImportOptions): TaifexDataSet {
  const { trades, stats } = parseTaifexDaily(file, bytes, options);
  return taifexDataSet(options.id ?? file.replace(/^.*[\\/]/, ''), trades, stats, options.book);
}

/** The data set of parsed trades: each print followed by the quote it implies under the book model. */
export function taifexDataSet(
  id: string,
  trades: readonly TradePrint[],
  stats: TaifexImportStats,
  book: SyntheticBook = DEFAULT_SYNTHETIC_BOOK,
): TaifexDataSet {
  const events = (): Iterable<MarketEvent> => tradesWithQuotes(trades, book);
  let fingerprint: string | null = null;
  return {
    id,
    contracts: [...new Set(trades.map((t) => t.contract))].sort(),
    events,
    stats,
    get fingerprint(): string {
      fingerprint ??= fingerprintEvents(events());
      return fingerprint;
    },
  };
}

/** Parses the whole file and returns its trades in time order (ties in file order), or throws with every refused row. */
export function parseTaifexDaily(
  file: string,
  bytes: Uint8Array,
  options: TaifexImportOptions,
): { trades: TradePrint[]; stats: TaifexImportStats } {
  const scan = scanTaifexDaily(file, bytes, options);
  if (scan.refused.length > 0) throw MarketDataImportError.ofRows(scan.refused);
  if (scan.stats.kept === 0) throw new MarketDataImportError(file, 0, `no ${[...(options.roots ?? ROOTS)].join('/')} trades in the file`);
  return { trades: scan.trades, stats: scan.stats };
}

export interface TaifexScan {
  /** The CSV's name in refusals: the file, or `file[entry.csv]` inside a zip. */
  name: string;
  zip: boolean;
  trades: TradePrint[];
  stats: TaifexImportStats;
  /** Every refused row; the file is refused as a whole when any is. */
  refused: DataRefusal[];
}

/**
 * Reads every row, keeping the good ones and collecting each refused row with its reason, so an
 * inspection lists them all. A file that cannot be read as a TAIFEX file at all (size, zip, header) throws.
 */
export function scanTaifexDaily(file: string, bytes: Uint8Array, options: TaifexImportOptions): TaifexScan {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TAIFEX_BYTES;
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  let name = file;
  let csv = bytes;
  if (bytes.length > maxBytes) throw new MarketDataImportError(file, 0, `file is ${bytes.length} bytes, more than the ${maxBytes} allowed`);
  if (isZip) ({ name, csv } = unzipSingleCsv(file, bytes, maxBytes));
  const text = iconv.decode(Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength), 'cp950');
  return { name, zip: isZip, ...parseRows(name, text, options) };
}

/** TAIFEX zips are judged by the same reader as evidence bundles; only the naming rule is TAIFEX's own. */
const TAIFEX_ZIP_RATIO = 200;

function unzipSingleCsv(file: string, bytes: Uint8Array, maxBytes: number): { name: string; csv: Uint8Array } {
  const src = bytesZipSource(bytes);
  const limits = {
    maxFiles: 32,
    maxFileBytes: maxBytes,
    maxTotalBytes: maxBytes,
    maxZipRatio: TAIFEX_ZIP_RATIO,
    ratioFloorBytes: 1024 * 1024,
  };
  const refuse = (reason: string) => new MarketDataImportError(file, 0, reason);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(src, limits, (name) =>
      /[\\/]/.test(name) || name.includes('..') ? `zip entry "${name}" has a path separator or ".."` : null,
    );
  } catch (e) {
    if (e instanceof ZipRefused) throw refuse(/^not a zip file/.test(e.message) ? `not a readable zip archive (${e.message})` : e.message);
    throw e;
  }
  if (entries.length !== 1) throw refuse(`zip must hold exactly one CSV, found ${entries.length} entries`);
  const entry = entries[0]!;
  if (!/\.csv$/i.test(entry.name)) throw refuse(`zip entry "${entry.name}" is not a .csv file`);
  const out = new Uint8Array(entry.size);
  let at = 0;
  try {
    inflateEntry(src, entry, (chunk) => {
      out.set(chunk, at);
      at += chunk.length;
    });
  } catch (e) {
    if (e instanceof ZipRefused) throw refuse(e.message);
    throw e;
  }
  return { name: `${file}[${entry.name}]`, csv: out };
}

function parseRows(
  file: string,
  text: string,
  options: TaifexImportOptions,
): { trades: TradePrint[]; stats: TaifexImportStats; refused: DataRefusal[] } {
  const roots = new Set<string>(options.roots ?? ROOTS);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((c) => c.trim());
  while (header.length > TAIFEX_HEADER.length && header[header.length - 1] === '') header.pop();
  if (header.join(',') !== TAIFEX_HEADER.join(',')) {
    // Say what was found by shape, not content: the header line of a file that is not a TAIFEX file may be anything.
    const found = header.map((c, i) => (c === TAIFEX_HEADER[i] ? 'ok' : 'differs')).join(',');
    throw new MarketDataImportError(
      file,
      1,
      `header must be "${TAIFEX_HEADER.join(',')}" (cp950), found ${header.length} columns (${found})`,
    );
  }
  const stats: TaifexImportStats = { rows: 0, kept: 0, spreadRowsDropped: 0, otherProductsDropped: 0, weeklyDropped: 0 };
  const kept: { trade: TradePrint; order: number }[] = [];
  const refused: DataRefusal[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    stats.rows += 1;
    let row: RowOutcome;
    try {
      row = parseRow(raw, roots, options.holidays);
    } catch (e) {
      if (!(e instanceof RowRefused)) throw e;
      refused.push({ file, line: i + 1, reason: e.reason });
      continue;
    }
    if (row === 'other_product') stats.otherProductsDropped += 1;
    else if (row === 'spread') stats.spreadRowsDropped += 1;
    else if (row === 'weekly') stats.weeklyDropped += 1;
    else {
      stats.kept += 1;
      kept.push({ order: kept.length, trade: row });
    }
  }
  kept.sort((a, b) => a.trade.exchangeTs - b.trade.exchangeTs || a.order - b.order);
  return { trades: kept.map((k) => k.trade), stats, refused };
}

type RowOutcome = TradePrint | 'other_product' | 'spread' | 'weekly';

/** One data row: a kept trade, a dropped kind, or a `RowRefused` with the reason. */
function parseRow(raw: string, roots: ReadonlySet<string>, holidays: readonly string[]): RowOutcome {
  const fail = (reason: string): never => {
    throw new RowRefused(reason);
  };
  const cells = raw.split(',').map((c) => c.trim());
  if (cells.length === TAIFEX_HEADER.length + 1 && cells[cells.length - 1] === '') cells.pop();
  if (cells.length !== TAIFEX_HEADER.length) fail(`expected ${TAIFEX_HEADER.length} columns, found ${cells.length}`);
  const [dateText, product, expiry, timeText, priceText, volumeText, , , auctionText] = cells as string[];
  if (!roots.has(product as string)) return 'other_product';
  if ((expiry as string).includes('/')) return 'spread';
  if (/^\d{6}W\d$/.test(expiry as string)) return 'weekly';
  const dm = /^(\d{4})(\d{2})(\d{2})$/.exec(dateText as string);
  if (!dm) fail(`trade date "${dateText}" is not YYYYMMDD`);
  const date = `${dm?.[1]}-${dm?.[2]}-${dm?.[3]}`;
  try {
    dayNumber(date);
  } catch {
    fail(`trade date "${dateText}" is not a calendar date`);
  }
  const em = /^(\d{4})(\d{2})$/.exec(expiry as string);
  if (!em) fail(`expiry month "${expiry}" is not YYYYMM`);
  let contract: ContractRef = '';
  try {
    contract = formatContractRef(product as Root, Number(em?.[1]), Number(em?.[2]));
  } catch (e) {
    fail((e as Error).message);
  }
  const tm = /^(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(timeText as string);
  if (!tm) fail(`trade time "${timeText}" is not HHMMSS`);
  const [hh, mi, ss, msText] = [Number(tm?.[1]), Number(tm?.[2]), Number(tm?.[3]), Number(tm?.[4] ?? '0')];
  if (hh > 23 || mi > 59 || ss > 59) fail(`trade time "${timeText}" is not a clock time`);
  if (!/^\d{1,7}(\.0+)?$/.test(priceText as string)) fail(`price "${priceText}" is not a whole number of points`);
  const price = Math.trunc(Number(priceText));
  if (price <= 0 || price % INSTRUMENTS[product as Root].tick !== 0) fail(`price "${priceText}" is not on the tick grid`);
  if (!/^\d{1,9}$/.test(volumeText as string)) fail(`volume "${volumeText}" is not a whole number`);
  const both = Number(volumeText);
  // Each contract traded is counted once for the buyer and once for the seller.
  if (both === 0 || both % 2 !== 0) fail(`B+S volume ${both} is not a positive even number`);
  const auction = auctionText === '*' || auctionText === 'Y';
  if (!auction && auctionText !== '' && auctionText !== '-' && auctionText !== 'N')
    fail(`opening-auction flag "${auctionText}" is not "*", "-" or empty`);

  const minute = hh * 60 + mi;
  const exchangeTs = exchangeTimeToEpoch(date, minute) + ss * 1000 + msText;
  let session: 'regular' | 'after_hours';
  let tradingDay: string;
  const atOrBefore = (limitMin: number): boolean => minute < limitMin || (minute === limitMin && ss === 0 && msText === 0);
  if (minute >= (REGULAR[0] as number) && atOrBefore(REGULAR[1] as number)) {
    if (!isTradingDay(date, holidays)) fail(`${date} is not a trading day (weekend or configured holiday)`);
    session = 'regular';
    tradingDay = date;
  } else if (minute >= NIGHT_OPEN || atOrBefore(NIGHT_CLOSE)) {
    const nightDate = minute >= NIGHT_OPEN ? date : addDays(date, -1);
    if (!isTradingDay(nightDate, holidays)) fail(`no after-hours session opened on ${nightDate} (weekend or configured holiday)`);
    session = 'after_hours';
    tradingDay = nextTradingDay(nightDate, holidays);
  } else {
    return fail(`trade time ${timeText} is outside both sessions (08:45-13:45, 15:00-05:00)`);
  }
  return { contract, price, size: both / 2, exchangeTs, receiveTs: exchangeTs, session, auction, tradingDay };
}

/** Each print, then the quote it implies under the book model (see `synthesizedQuote`): same instant. */
function* tradesWithQuotes(trades: readonly TradePrint[], model: SyntheticBook): Generator<MarketEvent> {
  const tickRule = new TickRule();
  for (const trade of trades) {
    const hitAsk = tickRule.hitAsk(trade.contract, trade.price, true);
    const { tick } = INSTRUMENTS[parseContractRef(trade.contract).root];
    yield { kind: 'trade', trade };
    yield {
      kind: 'quote',
      quote: synthesizedQuote(
        { ...trade, tradingDay: trade.tradingDay as string, last: trade.price, lastSize: trade.size },
        hitAsk,
        model,
        tick,
      ),
    };
  }
}
