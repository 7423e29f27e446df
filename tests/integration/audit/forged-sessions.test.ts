import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionCreatedEvent } from '../../unit/audit/audit-fixture';
import { openAuditStore, type AuditStore } from '../../../src-main/store/audit-log';
import { databasePath, openDatabase } from '../../../src-main/store/database';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { writeSignalFileSpec } from '../pipeline/small-spec';

/**
 * Issue 14 items 1 and 2, as an attacker with plain write access to papertape.db but no signing key:
 * chain-correct events appended with the store's own code (a throwaway key; appending signs nothing).
 */
let dir: string;
let dataDir: string;
/** The completed session a real `papertape run` recorded in the registry. */
let real: string;
let cleanup: () => void;

/** The forger's store handle: same file, a key of its own (the workstation key stays unknown to it). */
function forge<T>(fn: (store: AuditStore) => T): T {
  const db = openDatabase(databasePath(dataDir));
  try {
    return fn(openAuditStore(db, { keyDir: path.join(dir, 'forger-keys'), origin: 'forger', clock: () => 0 }));
  } finally {
    db.close();
  }
}

function quote(n: number) {
  return {
    type: 'market.quote',
    ts: '2026-12-01T05:00:00.000Z',
    actor: 'system',
    payload: { contract: 'TX 202612', bid: 23000 + n, ask: 23001 + n },
  };
}

function checkpointCount(log: string): number {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit_checkpoints WHERE log = ?').get(log) as { n: number }).n;
  } finally {
    db.close();
  }
}

const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('papertape-forged-'));
  dataDir = path.join(dir, 'data');
  writeSignalFileSpec(dir, ['2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter', '2026-12-01T02:00:00Z,b,TX 202612,target,0,0,exit']);
  const run = await cli('run', path.join(dir, 'spec.yaml'), '--json');
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  real = (JSON.parse(run.out) as { session_id: string }).session_id;
  expect((await cli('verify')).code).toBe(0);
});
afterEach(() => {
  cleanup();
  fs.rmSync(`${dataDir}.witness`, { force: true });
});

describe('forgery the store used to accept and then sign', () => {
  it('an event appended to a completed session after its final seal: verify fails in both modes, recovery does not sign it, export refuses', async () => {
    const log = `session/${real}`;
    const before = forge((s) => s.size(log));
    const signed = checkpointCount(log);
    forge((s) => s.append(log, real, [quote(1)]));

    for (const mode of [[], ['--incremental']]) {
      const r = await cli('verify', '--json', ...mode);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.out) as { failures: { check: string; log: string; seq: number }[] };
      expect(report.failures).toContainEqual(expect.objectContaining({ check: 'registry.session_extended', log, seq: before }));
    }
    // Any command opens the store and runs recovery; the forged tail stays unsigned.
    await cli('sessions', 'list');
    expect(checkpointCount(log)).toBe(signed);

    const exp = await cli('export', real, '--out', path.join(dir, 'bundle'));
    expect(exp.code).not.toBe(0);
    expect(exp.err).toContain(`INTEGRITY_FAILURE: session=${real}, status=completed`);
    expect(fs.existsSync(path.join(dir, 'bundle'))).toBe(false);
  });

  it('a made-up session (its log plus a sessions row, no registry record): verify names it, it is never signed or exported', async () => {
    const log = 'session/fake-1';
    forge((s) => s.append(log, 'fake-1', [quote(1), quote(2), quote(3)]));
    const db = new Database(databasePath(dataDir));
    db.prepare('CREATE TEMP TABLE t AS SELECT * FROM gov_sessions WHERE id = ?').run(real);
    db.exec("UPDATE t SET id = 'fake-1', day_no = 99; INSERT INTO gov_sessions SELECT * FROM t;");
    db.close();

    const r = await cli('verify', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { failures: { check: string; log: string; seq: number | null }[] };
    expect(report.failures).toEqual([expect.objectContaining({ check: 'registry.session_unknown', log, seq: 0 })]);
    await cli('sessions', 'list');
    expect(checkpointCount(log)).toBe(0);
    const exp = await cli('export', 'fake-1', '--out', path.join(dir, 'bundle'));
    expect(exp.code).not.toBe(0);
    expect(exp.err).toContain('INTEGRITY_FAILURE: session=fake-1; the registry never created this session log');
  });

  it('a session still running when the process died keeps its tail signed on the next open, and the signing is in the registry', async () => {
    // The registry says running (the process was killed mid-run): that tail is a run's, not a forger's.
    const db = new Database(databasePath(dataDir));
    const registryBefore = (db.prepare("SELECT size FROM audit_logs WHERE log = 'registry'").get() as { size: number }).size;
    db.close();
    forge((s) => {
      s.append('registry', null, [
        sessionCreatedEvent('run-1', '2026-12-01T05:00:00.000Z', 'operator:tests'),
        {
          type: 'session.transitioned',
          ts: '2026-12-01T05:00:00.000Z',
          actor: 'system',
          payload: { sessionId: 'run-1', from: 'scheduled', to: 'running', action: 'start', reason: null },
        },
      ]);
      s.append('session/run-1', 'run-1', [quote(1), quote(2)]);
    });
    await cli('sessions', 'list');
    expect(checkpointCount('session/run-1')).toBe(1);
    const after = new Database(databasePath(dataDir), { readonly: true });
    const types = after
      .prepare("SELECT canonical FROM audit_events WHERE log = 'registry' AND seq >= ? ORDER BY seq")
      .pluck()
      .all(registryBefore)
      .map((c) => (JSON.parse(c as string) as { type: string }).type);
    after.close();
    expect(types).toContain('audit.session_checkpoint');
  });
});

describe('rollback: an older copy of the database, or the newest session cut away', () => {
  const files = ['papertape.db', 'papertape.db-wal', 'papertape.db-shm'];
  function copyDb(from: string, to: string): void {
    fs.mkdirSync(to, { recursive: true });
    for (const f of files) {
      fs.rmSync(path.join(to, f), { force: true });
      if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
    }
  }

  it('the witness beside the data directory catches a restored older copy, keeps saying so as the registry grows again, and --last-checkpoint does the same', async () => {
    const witness = `${dataDir}.witness`;
    expect(fs.readFileSync(witness, 'utf8')).toMatch(/\/registry\n\d+\n/);
    copyDb(dataDir, path.join(dir, 'old-copy'));
    expect((await cli('run', path.join(dir, 'spec.yaml'), '--json')).code).toBe(0);
    const ok = await cli('verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`witness   ${witness}`);
    fs.copyFileSync(witness, path.join(dir, 'kept.note'));

    copyDb(path.join(dir, 'old-copy'), dataDir);
    const rolled = await cli('verify', '--json');
    expect(rolled.code).toBe(1);
    const report = JSON.parse(rolled.out) as { failures: { check: string; log: string; detail: string }[] };
    expect(report.failures).toContainEqual(
      expect.objectContaining({
        check: 'verified.rollback',
        log: 'registry',
        detail: expect.stringContaining(`the witness file ${witness}`),
      }),
    );
    // A new run on the rolled-back file grows the registry past the witness's size: the witness is not replaced.
    await cli('run', path.join(dir, 'spec.yaml'), '--json');
    expect(fs.readFileSync(witness, 'utf8')).toBe(fs.readFileSync(path.join(dir, 'kept.note'), 'utf8'));
    expect((await cli('verify')).code).toBe(1);

    // Without the witness, a checkpoint the reviewer kept does the same job.
    fs.rmSync(witness);
    const kept = await cli('verify', '--json', '--last-checkpoint', path.join(dir, 'kept.note'));
    expect(kept.code).toBe(1);
    expect((JSON.parse(kept.out) as { failures: { check: string }[] }).failures.map((f) => f.check)).toContain('verified.rollback');
  });

  it('--last-checkpoint on the store: passes for a current note, refuses an unreadable file (exit 2); --pubkey is for bundles (exit 2)', async () => {
    const witness = `${dataDir}.witness`;
    expect((await cli('verify', '--last-checkpoint', witness)).code).toBe(0);
    expect((await cli('verify', '--last-checkpoint', path.join(dir, 'nope.note'))).code).toBe(2);
    fs.writeFileSync(path.join(dir, 'junk.note'), 'not a note\n');
    const junk = await cli('verify', '--json', '--last-checkpoint', path.join(dir, 'junk.note'));
    expect(junk.code).toBe(1);
    expect((JSON.parse(junk.out) as { failures: { check: string }[] }).failures.map((f) => f.check)).toEqual(['checkpoint.signature']);
    const pub = await cli('verify', '--pubkey', witness);
    expect(pub.code).toBe(2);
    expect(pub.err).toContain('--pubkey applies to bundles');
  });
});
