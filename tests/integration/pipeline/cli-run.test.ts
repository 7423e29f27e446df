import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/io';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './small-spec';

function captureIo(isTty = false): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('papertape run', () => {
  it('refuses a bad spec with exit 2, naming every field and reason', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const spec = smallSpec({ mode: 'simulated-real', run_mode: 'fast', colour: 'red' });
      (spec.risk as Record<string, unknown>).maxOpenOrders = 'ten';
      const file = path.join(dir, 'bad.yaml');
      fs.writeFileSync(file, stringify(spec));
      const io = captureIo();
      const code = await main(['node', 'papertape', '--data-dir', path.join(dir, 'data'), 'run', file], io);
      expect(code).toBe(2);
      expect(io.stdout).toBe('');
      expect(io.stderr).toContain(`${file}: run spec refused`);
      expect(io.stderr).toContain('mode: only "paper" is supported, got "simulated-real"');
      expect(io.stderr).toContain('run_mode: Invalid option: expected one of "backtest"|"paper"');
      expect(io.stderr).toContain('colour: unknown key');
      expect(io.stderr).toContain('risk.maxOpenOrders: expected number, got string');
    } finally {
      cleanup();
    }
  });

  it('refuses a malformed signal file with file, line and reason (exit 2)', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      fs.writeFileSync(
        path.join(dir, 's.csv'),
        'ts,signal_id,contract,direction,quantity,strength,reason\n2026-12-01T01:00:00Z,a,TX 202612,buy,x,1,r\n',
      );
      const file = path.join(dir, 'spec.yaml');
      fs.writeFileSync(file, stringify(smallSpec({ strategy: { kind: 'signal_file', id: 'f', params: { path: 's.csv' } } })));
      const io = captureIo();
      expect(await main(['node', 'papertape', '--data-dir', path.join(dir, 'data'), 'run', file], io)).toBe(2);
      expect(io.stderr).toBe(`${path.join(dir, 's.csv')}:2: quantity: expected an integer\n`);
    } finally {
      cleanup();
    }
  });

  it('runs a session and prints a JSON summary with --json; the events file ends with session.completed', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      fs.writeFileSync(
        path.join(dir, 's.csv'),
        'ts,signal_id,contract,direction,quantity,strength,reason\n' +
          '2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter\n' +
          '2026-12-01T02:00:00Z,b,TX 202612,target,0,0,exit\n',
      );
      const file = path.join(dir, 'spec.yaml');
      fs.writeFileSync(file, stringify(smallSpec({ strategy: { kind: 'signal_file', id: 'f', params: { path: 's.csv' } } })));
      const io = captureIo();
      const code = await main(
        ['node', 'papertape', '--data-dir', path.join(dir, 'data'), 'run', file, '--json', '--session-id', 'cli-1'],
        io,
      );
      expect(io.stderr).toBe('');
      expect(code).toBe(0);
      const out = JSON.parse(io.stdout) as { session_id: string; spec_hash: string; events_file: string; summary: Record<string, unknown> };
      expect(out.session_id).toBe('cli-1');
      expect(out.spec_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(out.summary).toMatchObject({
        signals: 2,
        intents: 2,
        orders: 2,
        fills: 2,
        positions: [{ contract: 'TX 202612', quantity: 0 }],
      });
      const lines = fs.readFileSync(out.events_file, 'utf8').trimEnd().split('\n');
      expect((JSON.parse(lines.at(-1)!) as { type: string }).type).toBe('session.completed');
      expect(fs.existsSync(path.join(dir, 'data', 'sessions', 'cli-1', 'run-spec.json'))).toBe(true);

      // On a terminal: a progress bar on stderr (stdout stays the summary), then the human summary.
      const tty = captureIo(true);
      expect(await main(['node', 'papertape', '--data-dir', path.join(dir, 'data'), 'run', file, '--session-id', 'cli-2'], tty)).toBe(0);
      expect(tty.stderr).toContain('\r[##############################] 100%');
      expect(tty.stdout).toContain('Session cli-2 completed (paper_research, backtest');
      expect(tty.stdout).toMatch(/orders 2: filled 2, partially filled 0, canceled 0, expired 0, denied 0, rejected 0/);
      expect(tty.stdout).toMatch(/net PnL NT\$ -?\d+\.\d\d/);
    } finally {
      cleanup();
    }
  });
});
