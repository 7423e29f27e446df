import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { contractLastTradingDay, exchangeDateTime, listedContracts } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import type { DataFormat, DataInspection, InspectedFile } from '../../../src-shared/market/data-inspection';
import type { ContractRef, TradingSessionKind } from '../../../src-shared/market/quote';
import { ServiceError } from '../../../src-shared/envelope';
import { MarketDataImportError, refusalText, type DataRefusal } from '../../pipeline/market-data/import-error';
import { importOhlcv, MAX_OHLCV_BYTES, OHLCV_HEADER, scanOhlcv } from '../../pipeline/market-data/ohlcv-import';
import { DEFAULT_MAX_TAIFEX_BYTES, scanTaifexDaily, taifexDataSet, TAIFEX_HEADER } from '../../pipeline/market-data/taifex-import';

/** One row as the inspection counts it: a kept trade print or bar. */
interface Row {
  contract: ContractRef;
  ts: number;
  low: number;
  high: number;
  session: TradingSessionKind;
  tradingDay: string;
}

const DATA_FILE = /\.(csv|zip)$/i;

/**
 * Inspects a market data file, a TAIFEX zip, or every `.csv`/`.zip` directly inside a folder, with the
 * same parsers a run uses: a file a run refuses shows here with the same `file:line: reason` lines.
 */
export function inspectMarketData(target: string, holidays: readonly string[] = []): DataInspection {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (err) {
    throw new ServiceError('NOT_FOUND', `DATA_UNREADABLE: ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let files = [target];
  if (stat.isDirectory()) {
    files = fs
      .readdirSync(target, { withFileTypes: true })
      .filter((e) => e.isFile() && DATA_FILE.test(e.name))
      .map((e) => path.join(target, e.name))
      .sort();
    if (files.length === 0) throw new ServiceError('INVALID_INPUT', `DATA_UNREADABLE: ${target}: no .csv or .zip file in the folder`);
  }
  const inspected = files.map((f) => inspectFile(f, holidays));
  return { path: target, ok: inspected.every((f) => f.refused.length === 0), files: inspected };
}

function inspectFile(file: string, holidays: readonly string[]): InspectedFile {
  const name = path.basename(file);
  const size = fs.statSync(file).size;
  const maxBytes = Math.max(DEFAULT_MAX_TAIFEX_BYTES, MAX_OHLCV_BYTES);
  if (size > maxBytes)
    return refusedFile(name, null, [{ file: name, line: 0, reason: `file is ${size} bytes, more than the ${maxBytes} allowed` }]);
  const bytes = fs.readFileSync(file);
  const format = detectFormat(bytes);
  try {
    if (format === null)
      return refusedFile(name, null, [
        {
          file: name,
          line: 0,
          reason: `neither a TAIFEX daily file (header "${TAIFEX_HEADER.join(',')}") nor an OHLCV CSV (header "${OHLCV_HEADER}")`,
        },
      ]);
    if (format === 'ohlcv') return inspectOhlcv(name, bytes.toString('utf8'), holidays);
    return inspectTaifex(name, bytes, holidays);
  } catch (err) {
    if (err instanceof MarketDataImportError) return refusedFile(name, format === 'ohlcv' ? null : format, err.refusals);
    throw err;
  }
}

function detectFormat(bytes: Buffer): DataFormat | 'ohlcv' | null {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'taifex_daily_zip';
  const head = bytes.subarray(0, 512);
  const firstLine = (text: string) => (text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').trim();
  if (firstLine(head.toString('utf8')) === OHLCV_HEADER) return 'ohlcv';
  if (
    firstLine(iconv.decode(head, 'cp950'))
      .replace(/\s*,\s*/g, ',')
      .startsWith(TAIFEX_HEADER.join(','))
  )
    return 'taifex_daily_csv';
  return null;
}

function inspectTaifex(name: string, bytes: Buffer, holidays: readonly string[]): InspectedFile {
  const scan = scanTaifexDaily(name, bytes, { holidays });
  const rows: Row[] = scan.trades.map((t) => ({
    contract: t.contract,
    ts: t.exchangeTs,
    low: t.price,
    high: t.price,
    session: t.session,
    tradingDay: t.tradingDay as string,
  }));
  const refused = [...scan.refused];
  if (refused.length === 0 && rows.length === 0) refused.push({ file: name, line: 0, reason: 'no TX/MTX/TMF trades in the file' });
  const fingerprint = refused.length === 0 ? taifexDataSet(name, scan.trades, scan.stats).fingerprint : null;
  return summarize(name, scan.zip ? 'taifex_daily_zip' : 'taifex_daily_csv', rows, holidays, refused, fingerprint, {
    rows: scan.stats.rows,
    spreadRows: scan.stats.spreadRowsDropped,
    otherProductRows: scan.stats.otherProductsDropped,
    weeklyRows: scan.stats.weeklyDropped,
  });
}

function inspectOhlcv(name: string, text: string, holidays: readonly string[]): InspectedFile {
  const scan = scanOhlcv(name, text, holidays);
  const rows: Row[] = scan.bars.map((b) => ({
    contract: b.contract,
    ts: b.startsAt,
    low: b.low,
    high: b.high,
    session: b.session,
    tradingDay: b.tradingDay,
  }));
  const refused = [...scan.refused];
  if (refused.length === 0 && rows.length === 0) refused.push({ file: name, line: 0, reason: 'no bars' });
  const fingerprint = refused.length === 0 ? importOhlcv(name, text, { holidays }).fingerprint : null;
  const format = scan.interval === 'daily' ? 'ohlcv_daily' : 'ohlcv_1m';
  return summarize(name, format, rows, holidays, refused, fingerprint, {
    rows: scan.rows,
    spreadRows: 0,
    otherProductRows: 0,
    weeklyRows: 0,
  });
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in exchange time. */
export function exchangeTimestamp(epochMs: number): string {
  const { date, msOfDay } = exchangeDateTime(epochMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = Math.floor(msOfDay / 3_600_000);
  const m = Math.floor(msOfDay / 60_000) % 60;
  const s = Math.floor(msOfDay / 1000) % 60;
  return `${date} ${pad(h)}:${pad(m)}:${pad(s)}.${pad(msOfDay % 1000, 3)}`;
}

function summarize(
  name: string,
  format: DataFormat,
  rows: readonly Row[],
  holidays: readonly string[],
  refused: readonly DataRefusal[],
  fingerprint: string | null,
  counts: { rows: number; spreadRows: number; otherProductRows: number; weeklyRows: number },
): InspectedFile {
  const contracts = new Map<ContractRef, { rows: number; low: number; high: number; far: boolean }>();
  const sessions = new Map<string, { tradingDay: string; session: TradingSessionKind; rows: number; first: number; last: number }>();
  const fronts = new Map<string, ContractRef>();
  let farMonthRows = 0;
  for (const r of rows) {
    const { root } = parseContractRef(r.contract);
    const frontKey = `${root} ${r.tradingDay}`;
    let front = fronts.get(frontKey);
    if (front === undefined) {
      front = listedContracts(root, r.tradingDay, holidays)[0] as ContractRef;
      fronts.set(frontKey, front);
    }
    const far = r.contract !== front;
    if (far) farMonthRows += 1;
    const c = contracts.get(r.contract) ?? { rows: 0, low: r.low, high: r.high, far: true };
    contracts.set(r.contract, { rows: c.rows + 1, low: Math.min(c.low, r.low), high: Math.max(c.high, r.high), far: c.far && far });
    const key = `${r.tradingDay} ${r.session === 'after_hours' ? 0 : 1}`;
    const s = sessions.get(key) ?? { tradingDay: r.tradingDay, session: r.session, rows: 0, first: r.ts, last: r.ts };
    sessions.set(key, { ...s, rows: s.rows + 1, first: Math.min(s.first, r.ts), last: Math.max(s.last, r.ts) });
  }
  // Loops, not Math.min(...rows): a day of ticks is far more arguments than a call may take.
  let first = Infinity;
  let last = -Infinity;
  let low = Infinity;
  let high = -Infinity;
  for (const r of rows) {
    first = Math.min(first, r.ts);
    last = Math.max(last, r.ts);
    low = Math.min(low, r.low);
    high = Math.max(high, r.high);
  }
  return {
    file: name,
    format,
    contracts: [...contracts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([contract, c]) => {
        const { year, month } = parseContractRef(contract);
        return {
          contract,
          month: `${year}-${String(month).padStart(2, '0')}`,
          lastTradingDay: contractLastTradingDay(contract, holidays),
          farMonth: c.far,
          rows: c.rows,
          low: c.low,
          high: c.high,
        };
      }),
    sessions: [...sessions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, s]) => ({
        tradingDay: s.tradingDay,
        session: s.session,
        rows: s.rows,
        first: exchangeTimestamp(s.first),
        last: exchangeTimestamp(s.last),
      })),
    tradingDays: [...new Set(rows.map((r) => r.tradingDay))].sort(),
    timeRange: rows.length === 0 ? null : { first: exchangeTimestamp(first), last: exchangeTimestamp(last) },
    priceRange: rows.length === 0 ? null : { low, high },
    counts: { ...counts, kept: rows.length, farMonthRows, refused: refused.length },
    fingerprint,
    refused: refused.map((r) => ({ ...r, text: refusalText(r) })),
  };
}

function refusedFile(name: string, format: DataFormat | null, refused: readonly DataRefusal[]): InspectedFile {
  return {
    file: name,
    format,
    contracts: [],
    sessions: [],
    tradingDays: [],
    timeRange: null,
    priceRange: null,
    counts: { rows: 0, kept: 0, spreadRows: 0, farMonthRows: 0, otherProductRows: 0, weeklyRows: 0, refused: refused.length },
    fingerprint: null,
    refused: refused.map((r) => ({ ...r, text: refusalText(r) })),
  };
}
