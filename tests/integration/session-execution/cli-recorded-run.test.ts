import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/io';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from './execution-kit';

const BIN = path.resolve('bin/papertape.mjs');

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTty: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo();
  const code = await main(['node', 'papertape', '--data-dir', dataDir, ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('papertape run records a real session', () => {
  it('registers, runs and seals the session; verify, sessions show, export and bundle verify all agree', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const specFile = path.join(dir, 'spec.yaml');
      fs.writeFileSync(specFile, stringify(smallSpec()));
      const dataDir = path.join(dir, 'data');
      const jsonl = path.join(dir, 'copy.jsonl');
      const run = await cli(dataDir, 'run', specFile, '--json', '--jsonl', jsonl);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as {
        session_id: string;
        status: string;
        log: string;
        log_size: number;
        lane_configured_from_spec: boolean;
        summary: { stopped_early: boolean; orders: number };
      };
      expect(out.session_id).toMatch(/^S-\d{8}-1$/);
      expect(out).toMatchObject({ status: 'completed', log: `session/${out.session_id}`, lane_configured_from_spec: true });
      expect(out.summary.stopped_early).toBe(false);
      // The JSONL copy holds the same events as the audit log.
      expect(fs.readFileSync(jsonl, 'utf8').trimEnd().split('\n').length).toBe(out.log_size);

      expect((await cli(dataDir, 'verify')).code).toBe(0);
      const show = await cli(dataDir, 'sessions', 'show', out.session_id, '--json');
      expect(show.code).toBe(0);
      const detail = JSON.parse(show.stdout) as { session: { status: string; owner: string; lane: string }; logSize: number };
      expect(detail.session).toMatchObject({ status: 'completed', owner: 'tests', lane: 'paper_research' });
      expect(detail.logSize).toBe(out.log_size);

      const bundle = path.join(dir, 'bundle');
      expect((await cli(dataDir, 'export', out.session_id, '--out', bundle)).code).toBe(0);
      // Without a pinned key the bundle's own key proves nothing: exit 3, not success.
      const unpinned = await cli(dataDir, 'verify', bundle);
      expect(unpinned.stdout).toContain('UNPINNED: every check holds');
      expect(unpinned.code).toBe(3);
      const pemFile = path.join(dir, 'analyst.pem');
      expect((await cli(dataDir, 'key', 'export', '--out', pemFile)).code).toBe(0);
      const verified = await cli(dataDir, 'verify', bundle, '--pubkey', pemFile);
      expect(verified.stdout).toContain('VERIFIED');
      expect(verified.code).toBe(0);

      // A second run in the same lane finds the lane configured and leaves it alone.
      const again = await cli(dataDir, 'run', specFile, '--json');
      expect(JSON.parse(again.stdout)).toMatchObject({ session_id: out.session_id.replace(/-1$/, '-2'), lane_configured_from_spec: false });
    } finally {
      cleanup();
    }
  });

  it('with --no-lane-from-spec an unconfigured lane stays fail closed: LIMIT_IS_ZERO, nothing runs', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const specFile = path.join(dir, 'spec.yaml');
      fs.writeFileSync(specFile, stringify(smallSpec()));
      const r = await cli(path.join(dir, 'data'), 'run', specFile, '--no-lane-from-spec');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('LIMIT_IS_ZERO: lane=paper_research, paper_capital=0');
    } finally {
      cleanup();
    }
  });

  it('a run killed with SIGKILL is marked aborted (interrupted) on the next open, and verify exits 0', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const specFile = path.join(dir, 'spec.yaml');
      // Paced paper time: slow enough that the kill lands mid-run.
      fs.writeFileSync(specFile, stringify(smallSpec({ run_mode: 'paper', speed: 50 })));
      const dataDir = path.join(dir, 'data');
      const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'run', specFile, '--json'], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const dbFile = path.join(dataDir, 'papertape.db');
      const events = (): number => {
        if (!fs.existsSync(dbFile)) return 0;
        const db = new Database(dbFile, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE log LIKE 'session/%'").get() as { n: number }).n;
        } catch {
          return 0;
        } finally {
          db.close();
        }
      };
      // The limit guards a hang; it is not a timing assertion.
      for (let i = 0; i < 1200 && events() < 50; i++) await new Promise((r) => setTimeout(r, 100));
      expect(events()).toBeGreaterThanOrEqual(50);
      // Another process opening the data dir meanwhile must not take the running session for an interrupted one.
      const during = JSON.parse((await cli(dataDir, 'sessions', 'list', '--json')).stdout) as { status: string }[];
      expect(during.map((x) => x.status)).toEqual(['running']);
      child.kill('SIGKILL');
      await exited;

      const list = await cli(dataDir, 'sessions', 'list', '--json');
      const [s] = JSON.parse(list.stdout) as { id: string; status: string; statusReason: string }[];
      expect(s!.status).toBe('aborted');
      expect(s!.statusReason).toContain('INTERRUPTED');
      const verify = await cli(dataDir, 'verify');
      expect(verify.stdout).toContain('verify');
      expect(verify.code).toBe(0);
    } finally {
      cleanup();
    }
  }, 180_000);
});
