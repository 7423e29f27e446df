import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchangeTimeToEpoch } from '../../../src-shared/instruments/calendar';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { MarketDataImportError } from '../../../src-main/pipeline/market-data/import-error';
import { importOhlcv, OHLCV_HEADER } from '../../../src-main/pipeline/market-data/ohlcv-import';

const dir = join(import.meta.dirname, '../../../fixtures/market/ohlcv');
const minuteText = readFileSync(join(dir, 'tx-1m-sample.csv'), 'utf8');
const dailyText = readFileSync(join(dir, 'tx-daily-sample.csv'), 'utf8');
const summary = (e: MarketEvent) =>
  e.kind === 'trade' ? `T ${e.trade.contract} ${e.trade.price}x${e.trade.size}` : `Q ${e.quote.contract} ${e.quote.bid}/${e.quote.ask}`;

describe('OHLCV import, 1-minute bars', () => {
  const ds = importOhlcv('tx-1m-sample.csv', minuteText, { holidays: [] });
  const events = [...ds.events()];

  it('expands each bar O -> L -> H -> C (up bar) at 0/15/30/45 s, volume split in whole parts', () => {
    const first = events.slice(0, 8);
    expect(first.map(summary)).toEqual([
      'T TX 202612 23150x10',
      'Q TX 202612 23149/23150',
      'T TX 202612 23147x9',
      'Q TX 202612 23147/23148',
      'T TX 202612 23158x9',
      'Q TX 202612 23157/23158',
      'T TX 202612 23156x9',
      'Q TX 202612 23156/23157',
    ]);
    const start = exchangeTimeToEpoch('2026-11-30', 15 * 60);
    expect(first.map((e) => (e.kind === 'quote' ? e.quote.receiveTs : e.trade.receiveTs))).toEqual(
      [0, 0, 15, 15, 30, 30, 45, 45].map((s) => start + s * 1000),
    );
    expect(first[1]).toMatchObject({
      quote: { session: 'after_hours', tradingDay: '2026-12-01', regime: 'imported', last: 23150, lastSize: 10 },
    });
  });

  it('goes O -> H -> L -> C on a down bar and interleaves contracts of the same minute', () => {
    const tx0846 = events.filter((e) => e.kind === 'trade' && e.trade.contract === 'TX 202612').slice(16, 20);
    expect(tx0846.map(summary)).toEqual(['T TX 202612 23188x52', 'T TX 202612 23188x52', 'T TX 202612 23170x52', 'T TX 202612 23172x52']);
    const at0845 = events.filter((e) => e.kind === 'trade' && e.trade.exchangeTs === exchangeTimeToEpoch('2026-12-01', 8 * 60 + 45));
    expect(at0845.map(summary)).toEqual(['T TX 202612 23180x103', 'T MTX 202612 23181x34']);
  });

  it('is deterministic, ordered, and counts every bar', () => {
    expect(events).toHaveLength(8 * 4 * 2);
    const ts = events.map((e) => (e.kind === 'quote' ? e.quote.receiveTs : e.trade.receiveTs));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(importOhlcv('again.csv', minuteText, { holidays: [] }).fingerprint).toBe(ds.fingerprint);
    expect(ds.contracts).toEqual(['TX 202612', 'MTX 202612']);
  });
});

describe('OHLCV import, daily bars', () => {
  it('places the four waypoints in the regular session at 08:45, 10:00, 11:15 and 12:30', () => {
    const events = [...importOhlcv('tx-daily-sample.csv', dailyText, { holidays: [] }).events()];
    const trades = events.flatMap((e) => (e.kind === 'trade' ? [e.trade] : []));
    expect(trades.slice(0, 4).map((t) => [t.exchangeTs, t.price, t.size, t.tradingDay])).toEqual([
      [exchangeTimeToEpoch('2026-11-30', 8 * 60 + 45), 23050, 24554, '2026-11-30'],
      [exchangeTimeToEpoch('2026-11-30', 10 * 60), 23010, 24553, '2026-11-30'],
      [exchangeTimeToEpoch('2026-11-30', 11 * 60 + 15), 23160, 24553, '2026-11-30'],
      [exchangeTimeToEpoch('2026-11-30', 12 * 60 + 30), 23150, 24553, '2026-11-30'],
    ]);
    expect(trades.slice(0, 4).reduce((s, t) => s + t.size, 0)).toBe(98213);
    expect(trades).toHaveLength(12);
  });
});

describe('OHLCV import refuses malformed files with file, line and reason', () => {
  const refusal = (text: string): [string, number, string] => {
    try {
      importOhlcv('bars.csv', text, { holidays: [] });
    } catch (e) {
      if (e instanceof MarketDataImportError) return [e.file, e.line, e.reason];
      throw e;
    }
    throw new Error('expected a refusal');
  };
  const file = (...rows: string[]) => [OHLCV_HEADER, ...rows].join('\n');

  it.each<[string, number, string]>([
    [file('TX 202612,2026-12-01 08:45,100,90,80,95,1'), 2, 'inconsistent bar: low 80, high 90, open 100, close 95'],
    [
      file('TX 202612,2026-12-01 08:45,100,110,90,95,1', 'TX 202612,2026-12-01,100,110,90,95,1'),
      3,
      'a file holds either daily or 1-minute bars, not both',
    ],
    [file('TX 202612,2026-12-01 14:00,100,110,90,95,1'), 2, '14:00 is outside both sessions (08:45-13:45, 15:00-05:00)'],
    [
      file('TX 202612,2026-12-01 08:46,100,110,90,95,1', 'TX 202612,2026-12-01 08:45,100,110,90,95,1'),
      3,
      'bars of TX 202612 must be in strictly increasing time order',
    ],
    [file('TX 202612,2026-12-01 08:45,100,110,90,95,-1'), 2, 'volume "-1" is not a whole non-negative number'],
    [file('TX 202612,2026-12-05,100,110,90,95,1'), 2, '2026-12-05 is not a trading day'],
    [file('TX 2026-12,2026-12-05,100,110,90,95,1'), 2, 'Invalid contract reference "TX 2026-12": expected ROOT YYYYMM, e.g. "TX 202612"'],
    [file('TX 202612,2026-12-01 08:45,100,110,90,95'), 2, 'expected 7 columns, found 6'],
    ['time,open\n', 1, `header must be "${OHLCV_HEADER}"`],
  ])('%#', (text, line, reason) => {
    expect(refusal(text)).toEqual(['bars.csv', line, reason]);
  });
});
