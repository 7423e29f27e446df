import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createAppContext } from '../../../src-main/app-context';
import { main } from '../../../src-main/cli/main';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { readLog } from '../../../src-main/services/sessions/log-reader';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './small-spec';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'papertape', ...args], { out: (t) => void (out += t), err: (t) => void (err += t), isTty: false });
  return { code, out, err };
}

/** One regular session of 1-minute TX bars on 2025-06-10, rising then falling so a breakout trades. */
function ohlcvJune2025(): string {
  const rows = ['contract,time,open,high,low,close,volume'];
  let px = 21800;
  for (let m = 0; m < 120; m++) {
    const hh = String(8 + Math.floor((45 + m) / 60)).padStart(2, '0');
    const mm = String((45 + m) % 60).padStart(2, '0');
    const step = m < 60 ? 3 : -4;
    const open = px;
    px += step;
    rows.push(`TX 202506,2025-06-10 ${hh}:${mm},${open},${Math.max(open, px) + 1},${Math.min(open, px) - 1},${px},${100 + m}`);
  }
  return rows.join('\n') + '\n';
}

function specIn(dir: string, over: Record<string, unknown> = {}): string {
  fs.writeFileSync(path.join(dir, 'tx-2025-06-10.csv'), ohlcvJune2025());
  const spec = smallSpec({
    contracts: [{ contract: 'TX 202506', prev_settlement: 21790 }],
    data: { kind: 'ohlcv', path: 'tx-2025-06-10.csv' },
    window: {},
    strategy: { kind: 'breakout', id: 'brk', params: { channel: 10, quantity: 1, margin_points: 1 } },
    ...over,
  });
  const file = path.join(dir, 'june.yaml');
  fs.writeFileSync(file, stringify(spec));
  return file;
}

/** A schedule the spec states itself (illustrative figures for the test, not a sourced TAIFEX schedule). */
const SPEC_CHARGES = {
  TX: [{ effective: '2025-06-01', exchange_fee: 12, clearing_fee: 8, commission: '50.5', initial_margin: 300000 }],
};

describe('papertape run on data older than the shipped fee and margin schedule', () => {
  it('refuses before anything is stored, exit 2, naming the root, the first trading day and the fix', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const data = path.join(dir, 'data');
    const r = await cli(['--data-dir', data, 'run', specIn(dir)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('run spec refused');
    expect(r.err).toContain(
      'charges.TX: no fee and margin schedule for TX covers the data window: the data starts on trading day 2025-06-10, the shipped schedule starts 2025-11-04',
    );
    const sessions = await cli(['--data-dir', data, 'sessions', 'list', '--json']);
    expect(JSON.parse(sessions.out)).toEqual([]);
  });

  it("a spec's own too-late schedule is refused the same way", async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const late = { TX: [{ ...SPEC_CHARGES.TX[0], effective: '2025-06-11' }] };
    const r = await cli(['--data-dir', path.join(dir, 'data'), 'run', specIn(dir, { charges: late })]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("the spec's schedule starts 2025-06-11");
  });

  it('runs with a spec override, and every fill is charged from the spec entry', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const data = path.join(dir, 'data');
    const r = await cli(['--data-dir', data, 'run', specIn(dir, { charges: SPEC_CHARGES }), '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.out) as { session_id: string; status: string };
    expect(run.status).toBe('completed');
    const shown = JSON.parse((await cli(['--data-dir', data, 'sessions', 'show', run.session_id, '--json'])).out) as {
      session: { metrics: { fills: number } | null };
    };
    expect(shown.session.metrics?.fills).toBeGreaterThan(0);
    const ctx = createAppContext({ dataDir: data });
    try {
      const charged = readLog(governanceOf(ctx).store, `session/${run.session_id}`)
        .map((e) => (e.payload as Record<string, unknown>).charges_effective)
        .filter((v) => v !== undefined);
      expect(charged.length).toBe(shown.session.metrics?.fills);
      expect(new Set(charged)).toEqual(new Set(['2025-06-01']));
    } finally {
      ctx.close();
    }
  });

  it('refuses a malformed charges entry (float NT$, missing field) with the field named', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const bad = { TX: [{ effective: '2025-06-01', exchange_fee: 12.345, clearing_fee: 8 }] };
    const r = await cli(['--data-dir', path.join(dir, 'data'), 'run', specIn(dir, { charges: bad })]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('charges.TX[0].exchange_fee: Invalid input');
    expect(r.err).toContain('charges.TX[0].initial_margin: required');
  });
});
