import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../../src-main/cli/main';
import { DataInspection } from '../../../src-shared/market/data-inspection';
import { inspectMarketData } from '../../../src-main/services/market-data/inspect-data';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const TAIFEX = path.join(ROOT, 'fixtures/market/taifex/Daily_2026_12_01.csv');

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false }, out: () => out, err: () => err };
}

/** The committed sample with two rows broken (a time outside both sessions, an odd B+S volume). */
function brokenCopy(dir: string): string {
  const lines = iconv.decode(fs.readFileSync(TAIFEX), 'cp950').split('\r\n');
  lines[2] = lines[2]!.replace('150001', '140000');
  lines[5] = lines[5]!.replace(/,\s*6\s*,/, ',7,');
  const file = path.join(dir, 'Daily_2026_12_01.csv');
  fs.writeFileSync(file, iconv.encode(lines.join('\r\n'), 'cp950'));
  return file;
}

describe('papertape data inspect', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('reports format, contracts, sessions with night rows on the next trading day, ranges, counts and the fingerprint', async () => {
    const c = capture();
    expect(await main(['node', 'papertape', 'data', 'inspect', TAIFEX, '--json'], c.io)).toBe(0);
    const r = DataInspection.parse(JSON.parse(c.out()));
    expect(r.ok).toBe(true);
    const f = r.files[0]!;
    expect(f.format).toBe('taifex_daily_csv');
    expect(f.counts).toEqual({ rows: 20, kept: 17, spreadRows: 2, farMonthRows: 1, otherProductRows: 1, weeklyRows: 0, refused: 0 });
    expect(f.contracts.map((k) => [k.contract, k.month, k.farMonth])).toEqual([
      ['MTX 202612', '2026-12', false],
      ['TMF 202612', '2026-12', false],
      ['TX 202612', '2026-12', false],
      ['TX 202701', '2027-01', true],
    ]);
    expect(f.sessions.map((s) => [s.tradingDay, s.session, s.rows, s.first])).toEqual([
      ['2026-12-01', 'after_hours', 7, '2026-11-30 15:00:00.000'],
      ['2026-12-01', 'regular', 8, '2026-12-01 08:45:00.000'],
      ['2026-12-02', 'after_hours', 2, '2026-12-01 15:00:00.000'],
    ]);
    expect(f.tradingDays).toEqual(['2026-12-01', '2026-12-02']);
    expect(f.timeRange).toEqual({ first: '2026-11-30 15:00:00.000', last: '2026-12-01 15:00:10.000' });
    expect(f.priceRange).toEqual({ low: 23149, high: 23220 });
    // The fingerprint is the one a session on the file records.
    const { importTaifexDailyFile } = await import('../../../src-main/pipeline/market-data/taifex-file');
    expect(f.fingerprint).toBe(importTaifexDailyFile(TAIFEX, { holidays: [] }).fingerprint);
    // The zip holds the same CSV: same rows, detected as a zip.
    const zip = inspectMarketData(TAIFEX.replace(/\.csv$/, '.zip'));
    expect(zip.files[0]!.format).toBe('taifex_daily_zip');
    expect(zip.files[0]!.fingerprint).toBe(f.fingerprint);
  });

  it('lists every refused row, and a run on the file refuses it with the same lines (exit 2, nothing stored)', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const file = brokenCopy(dir);
    const c = capture();
    expect(await main(['node', 'papertape', 'data', 'inspect', file, '--json'], c.io)).toBe(1);
    const f = DataInspection.parse(JSON.parse(c.out())).files[0]!;
    expect(f.fingerprint).toBeNull();
    expect(f.refused.map((x) => x.text)).toEqual([
      'Daily_2026_12_01.csv:3: trade time 140000 is outside both sessions (08:45-13:45, 15:00-05:00)',
      'Daily_2026_12_01.csv:6: B+S volume 7 is not a positive even number',
    ]);

    const spec = parse(fs.readFileSync(path.join(ROOT, 'fixtures/specs/demo-research.yaml'), 'utf8')) as Record<string, unknown>;
    spec.data = { kind: 'taifex', path: file };
    spec.contracts = [{ contract: 'TX 202612', prev_settlement: 23100 }];
    const specFile = path.join(dir, 'spec.json');
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const dataDir = path.join(dir, 'data');
    const run = capture();
    expect(await main(['node', 'papertape', '--data-dir', dataDir, 'run', specFile], run.io)).toBe(2);
    for (const x of f.refused) expect(run.err()).toContain(x.text);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('inspects every data file of a folder and refuses an unrecognised one at line 0', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    fs.copyFileSync(TAIFEX, path.join(dir, 'a.csv'));
    fs.writeFileSync(path.join(dir, 'b.csv'), 'time,price\n1,2\n');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const r = inspectMarketData(dir);
    expect(r.ok).toBe(false);
    expect(r.files.map((f) => [f.file, f.format, f.counts.refused])).toEqual([
      ['a.csv', 'taifex_daily_csv', 0],
      ['b.csv', null, 1],
    ]);
    expect(r.files[1]!.refused[0]!.text).toMatch(/^b\.csv: neither a TAIFEX daily file/);
  });
});
