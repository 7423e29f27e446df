import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './small-spec';

const BIN = path.resolve('bin/papertape.mjs');

interface Line {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
}

function readEvents(file: string): Line[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as Line);
}

async function waitFor(what: string, check: () => boolean, limitMs = 90_000): Promise<void> {
  // Polls a condition with a generous limit; the limit guards a hang, it is not a timing assertion.
  for (let waited = 0; waited < limitMs; waited += 100) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('papertape halt from a second terminal', () => {
  it('halts a running paced paper session: the events show the halt and KILL_SWITCH_CANCEL', async () => {
    const { dir, cleanup } = makeTempDir();
    const sessionId = 'halt-it-1';
    try {
      // A resting LIMIT far below the market keeps a working order open for the kill switch to cancel.
      fs.writeFileSync(
        path.join(dir, 'signals.csv'),
        'ts,signal_id,contract,direction,quantity,strength,reason,order_type,limit_price,time_in_force\n' +
          '2026-12-01T00:45:10.000Z,rest-1,TX 202612,buy,1,100,resting bid,LIMIT,22000,ROD\n',
      );
      const spec = smallSpec({
        run_mode: 'paper',
        speed: 20,
        window: { end: '2026-12-01T01:45:00.000Z' },
        strategy: { kind: 'signal_file', id: 'file', params: { path: 'signals.csv' } },
      });
      const specFile = path.join(dir, 'spec.yaml');
      fs.writeFileSync(specFile, stringify(spec));
      const dataDir = path.join(dir, 'data');
      const events = path.join(dataDir, 'sessions', sessionId, 'events.jsonl');

      const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'run', specFile, '--session-id', sessionId, '--json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const done = exited(child);
      try {
        await waitFor('the resting order to be accepted', () =>
          readEvents(events).some((e) => e.type === 'oms.transition' && e.payload.to === 'ACCEPTED'),
        );
        const halt = spawnSync(
          process.execPath,
          [BIN, '--data-dir', dataDir, 'halt', '--session', sessionId, '--operator', 'tester', '--reason', 'integration halt'],
          { encoding: 'utf8' },
        );
        expect(halt.status).toBe(0);
        expect(halt.stdout).toContain(`halt requested for session ${sessionId}`);
        await waitFor('the halt to be applied', () => readEvents(events).some((e) => e.type === 'operator.action'));
        await waitFor('the kill-switch cancel', () =>
          readEvents(events).some((e) => JSON.stringify(e.payload).includes('KILL_SWITCH_CANCEL')),
        );
      } finally {
        child.kill('SIGINT');
      }
      expect(await done).toBe(0);
      expect(stderr).toBe('');

      const all = readEvents(events);
      const action = all.find((e) => e.type === 'operator.action')!;
      expect(action).toMatchObject({ actor: 'operator:tester', payload: { kind: 'halt', reason: 'integration halt' } });
      const i = all.indexOf(action);
      // The halt step: the operator action, then the core's kill switch, in that order.
      expect(all.slice(i).some((e) => e.type === 'operator.halt')).toBe(true);
      const cancel = all.find((e) => JSON.stringify(e.payload).includes('KILL_SWITCH_CANCEL: trigger=operator'));
      expect(cancel).toBeDefined();
      expect(all.at(-1)!.type).toBe('session.completed');
      const result = JSON.parse(stdout) as { session_id: string; summary: { stopped_early: boolean; trading_state: string } };
      expect(result.session_id).toBe(sessionId);
      expect(result.summary.trading_state).toBe('HALTED');
      // The processed action file was moved aside, not left to be applied again.
      const inbox = path.join(dataDir, 'operator-inbox', sessionId);
      expect(fs.readdirSync(inbox).filter((n) => n.endsWith('.json'))).toEqual([]);
      expect(fs.readdirSync(path.join(inbox, 'processed')).length).toBe(1);
    } finally {
      cleanup();
    }
  });
});
