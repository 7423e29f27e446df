import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../../src-main/cli/main';
import { openAuditStore, type AuditStore } from '../../../src-main/store/audit-log';
import { databasePath, openDatabase } from '../../../src-main/store/database';
import { makeTempDir } from '../../support/temp-dir';
import { smallSpec } from '../pipeline/small-spec';

/**
 * Issue 14 items 1 and 2, as an attacker with plain write access to papertape.db but no signing key:
 * chain-correct events appended with the store's own code (a throwaway key; appending signs nothing).
 */
let dir: string;
let dataDir: string;
/** The completed session a real `papertape run` recorded in the registry. */
let real: string;
let cleanup: () => void;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'papertape', '--data-dir', dataDir, ...args], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTty: false,
  });
  return { code, out, err };
}

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

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('papertape-forged-'));
  dataDir = path.join(dir, 'data');
  fs.writeFileSync(
    path.join(dir, 's.csv'),
    'ts,signal_id,contract,direction,quantity,strength,reason\n2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter\n2026-12-01T02:00:00Z,b,TX 202612,target,0,0,exit\n',
  );
  fs.writeFileSync(
    path.join(dir, 'spec.yaml'),
    stringify(smallSpec({ strategy: { kind: 'signal_file', id: 'f', params: { path: 's.csv' } } })),
  );
  const run = await cli('run', path.join(dir, 'spec.yaml'), '--json');
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  real = (JSON.parse(run.out) as { session_id: string }).session_id;
  expect((await cli('verify')).code).toBe(0);
});
afterEach(() => cleanup());

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
        {
          type: 'session.created',
          ts: '2026-12-01T05:00:00.000Z',
          actor: 'operator:tests',
          payload: { sessionId: 'live-1', log: 'session/live-1' },
        },
        {
          type: 'session.transitioned',
          ts: '2026-12-01T05:00:00.000Z',
          actor: 'system',
          payload: { sessionId: 'live-1', from: 'scheduled', to: 'running', action: 'start', reason: null },
        },
      ]);
      s.append('session/live-1', 'live-1', [quote(1), quote(2)]);
    });
    await cli('sessions', 'list');
    expect(checkpointCount('session/live-1')).toBe(1);
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
