import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exchangeTimeToEpoch } from '../../../src-shared/instruments/calendar';
import type { Quote, TradePrint } from '../../../src-shared/market/quote';
import { MarketDataImportError } from '../../../src-main/pipeline/market-data/import-error';
import { importTaifexDaily } from '../../../src-main/pipeline/market-data/taifex-import';
import { importTaifexDailyFile } from '../../../src-main/pipeline/market-data/taifex-file';
import { overlappingZip } from '../../support/raw-zip';

const dir = join(import.meta.dirname, '../../../fixtures/market/taifex');
const csvBytes = readFileSync(join(dir, 'Daily_2026_12_01.csv'));
const text = iconv.decode(csvBytes, 'cp950');
const lines = text.split('\r\n');
const at = (date: string, hhmmss: string) =>
  exchangeTimeToEpoch(date, Number(hhmmss.slice(0, 2)) * 60 + Number(hhmmss.slice(2, 4))) + Number(hhmmss.slice(4, 6)) * 1000;

const refusal = (run: () => unknown): MarketDataImportError => {
  try {
    run();
  } catch (e) {
    if (e instanceof MarketDataImportError) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
};
/** The sample with line `lineNo` (1-based) replaced, re-encoded in cp950. */
const withLine = (lineNo: number, replacement: string): Uint8Array =>
  iconv.encode(lines.map((l, i) => (i === lineNo - 1 ? replacement : l)).join('\r\n'), 'cp950');

describe('TAIFEX daily import of the committed sample', () => {
  const ds = importTaifexDaily('Daily_2026_12_01.csv', csvBytes, { holidays: [] });
  const events = [...ds.events()];
  const trades = events.flatMap((e) => (e.kind === 'trade' ? [e.trade] : []));
  const quotes = events.flatMap((e) => (e.kind === 'quote' ? [e.quote] : []));

  it('drops spread rows and other products, keeps TX/MTX/TMF monthly trades', () => {
    expect(ds.stats).toEqual({ rows: 20, kept: 17, spreadRowsDropped: 2, otherProductsDropped: 1, weeklyDropped: 0 });
    expect(trades).toHaveLength(17);
    expect(ds.contracts).toEqual(['MTX 202612', 'TMF 202612', 'TX 202612', 'TX 202701']);
    expect(ds.id).toBe('Daily_2026_12_01.csv');
  });

  it('halves B+S volume and trims padded fields', () => {
    expect(trades[0]).toEqual<TradePrint>({
      contract: 'TX 202612',
      price: 23150,
      size: 4,
      exchangeTs: at('2026-11-30', '150000'),
      receiveTs: at('2026-11-30', '150000'),
      session: 'after_hours',
      auction: false,
      tradingDay: '2026-12-01',
    });
    expect(trades.find((t) => t.auction && t.contract === 'TX 202612')?.size).toBe(60);
  });

  it('dates after-hours rows to the next trading day, across midnight', () => {
    const byTime = (date: string, hhmmss: string) => trades.find((t) => t.exchangeTs === at(date, hhmmss));
    expect(byTime('2026-11-30', '235959')?.tradingDay).toBe('2026-12-01');
    expect(byTime('2026-12-01', '000001')).toMatchObject({ session: 'after_hours', tradingDay: '2026-12-01' });
    expect(byTime('2026-12-01', '045959')).toMatchObject({ session: 'after_hours', tradingDay: '2026-12-01' });
    expect(byTime('2026-12-01', '134459')).toMatchObject({ session: 'regular', tradingDay: '2026-12-01' });
    expect(byTime('2026-12-01', '150000')).toMatchObject({ session: 'after_hours', tradingDay: '2026-12-02' });
  });

  it('flags opening-auction rows', () => {
    expect(trades.filter((t) => t.auction).map((t) => [t.contract, t.price])).toEqual([
      ['TX 202612', 23180],
      ['MTX 202612', 23181],
    ]);
  });

  it('orders events by time and follows each print with a synthesized one-tick quote', () => {
    const ts = events.map((e) => (e.kind === 'quote' ? e.quote.receiveTs : e.trade.receiveTs));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(events.map((e) => e.kind).slice(0, 4)).toEqual(['trade', 'quote', 'trade', 'quote']);
    // 23150 then 23151 on TX 202612: an uptick lifted the ask.
    expect(quotes[1]).toMatchObject<Partial<Quote>>({
      bid: 23150,
      ask: 23151,
      last: 23151,
      lastSize: 1,
      regime: 'imported',
      tradingDay: '2026-12-01',
    });
    expect(quotes[1]?.bids.map((l) => l.price)).toEqual([23150, 23149, 23148, 23147, 23146]);
    // 23182 then 23179: a downtick hit the bid.
    const down = quotes.find((q) => q.last === 23179);
    expect([down?.bid, down?.ask]).toEqual([23179, 23180]);
  });

  it('reads the zip the same way, and the file from disk', () => {
    const zipped = importTaifexDaily('Daily_2026_12_01.zip', readFileSync(join(dir, 'Daily_2026_12_01.zip')), { holidays: [] });
    expect(zipped.fingerprint).toBe(ds.fingerprint);
    expect(importTaifexDailyFile(join(dir, 'Daily_2026_12_01.csv'), { holidays: [] }).fingerprint).toBe(ds.fingerprint);
  });

  it('keeps only the roots asked for', () => {
    const txOnly = importTaifexDaily('Daily_2026_12_01.csv', csvBytes, { holidays: [], roots: ['TX'] });
    expect(txOnly.contracts).toEqual(['TX 202612', 'TX 202701']);
    expect(txOnly.stats.otherProductsDropped).toBe(7);
  });
});

describe('TAIFEX daily import refuses malformed files with file, line and reason', () => {
  it.each([
    [3, '20261130,TX     ,202612       ,150001,23151,3,-,-, ', 'B+S volume 3 is not a positive even number'],
    [3, '20261130,TX     ,202612       ,150001,23151.5,2,-,-, ', 'price "23151.5" is not a whole number of points'],
    [3, '20261130,TX     ,202612       ,060000,23151,2,-,-, ', 'trade time 060000 is outside both sessions (08:45-13:45, 15:00-05:00)'],
    [3, '20261131,TX     ,202612       ,150001,23151,2,-,-, ', 'trade date "20261131" is not a calendar date'],
    [3, '20261130,TX     ,202612       ,150001,23151,2,-,-', 'expected 9 columns, found 8'],
    [3, '20261130,TX     ,202613       ,150001,23151,2,-,-, ', 'Invalid contract month 13'],
    [3, '20261130,TX     ,202612       ,150001,23151,2,-,-,X', 'opening-auction flag "X" is not "*", "-" or empty'],
  ])('line %i: %s', (lineNo, replacement, reason) => {
    const err = refusal(() => importTaifexDaily('Daily_bad.csv', withLine(lineNo, replacement), { holidays: [] }));
    expect([err.file, err.line, err.reason]).toEqual(['Daily_bad.csv', lineNo, reason]);
    expect(err.message).toBe(`Daily_bad.csv:${lineNo}: ${reason}`);
  });

  it('refuses a wrong header on line 1 (for example a UTF-8 file read as cp950)', () => {
    const err = refusal(() => importTaifexDaily('Daily_utf8.csv', Buffer.from(text, 'utf8'), { holidays: [] }));
    expect([err.file, err.line]).toEqual(['Daily_utf8.csv', 1]);
    expect(err.reason).toMatch(/^header must be/);
  });

  it('refuses rows on a configured holiday rather than guessing', () => {
    const err = refusal(() => importTaifexDaily('Daily_2026_12_01.csv', csvBytes, { holidays: ['2026-12-01'] }));
    expect(err.line).toBe(10);
    expect(err.reason).toBe('2026-12-01 is not a trading day (weekend or configured holiday)');
  });

  it('refuses oversized files and hostile zips', () => {
    expect(refusal(() => importTaifexDaily('big.csv', csvBytes, { holidays: [], maxBytes: 100 })).reason).toMatch(
      /more than the 100 allowed/,
    );
    const inner = new Uint8Array(csvBytes);
    const cases: [Record<string, Uint8Array>, RegExp][] = [
      [{ 'dir/Daily.csv': inner }, /path separator or "\.\."/],
      [{ '..Daily.csv': inner }, /path separator or "\.\."/],
      [{ 'a.csv': inner, 'b.csv': inner }, /exactly one CSV, found 2/],
      [{ 'Daily.txt': inner }, /not a \.csv file/],
    ];
    for (const [files, reason] of cases) {
      const err = refusal(() => importTaifexDaily('evil.zip', zipSync(files), { holidays: [] }));
      expect(err.file).toBe('evil.zip');
      expect(err.reason).toMatch(reason);
    }
    // The same zip reader as evidence bundles: overlapping entries and unaccounted bytes are refused here too.
    expect(
      refusal(() => importTaifexDaily('overlap.zip', overlappingZip(['a.csv', 'b.csv', 'c.csv'], Buffer.from(csvBytes)), { holidays: [] }))
        .reason,
    ).toMatch(/overlaps the entry before it/);
    const honest = Buffer.from(zipSync({ 'Daily.csv': inner }));
    expect(refusal(() => importTaifexDaily('tail.zip', Buffer.concat([honest, Buffer.from('junk')]), { holidays: [] })).reason).toMatch(
      /not a readable zip archive/,
    );
    const lying = Buffer.from(honest);
    lying.writeUInt32LE(1000, 22); // the local header's uncompressed size
    lying.writeUInt32LE(1000, lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(refusal(() => importTaifexDaily('lying.zip', lying, { holidays: [] })).reason).toMatch(/beyond its declared 1000 bytes/);
    const bomb = zipSync({ 'Daily.csv': new Uint8Array(5000) });
    expect(refusal(() => importTaifexDaily('bomb.zip', bomb, { holidays: [], maxBytes: 4000 })).reason).toMatch(/unpacks to 5000 bytes/);
  });

  it('refuses a file with no kept trades', () => {
    const onlyOthers = iconv.encode([lines[0], lines[14]].join('\r\n'), 'cp950');
    expect(refusal(() => importTaifexDaily('Daily_te.csv', onlyOthers, { holidays: [] })).reason).toBe('no TX/MTX/TMF trades in the file');
  });
});
