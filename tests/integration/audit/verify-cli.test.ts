import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src-main/app-context';
import { appHealth } from '../../../src-main/services/app/app-service';
import { databasePath, openDatabase } from '../../../src-main/store/database';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { openWorkstationAuditStore } from '../../../src-main/store/workstation-audit';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { events, registerSession } from '../../unit/audit/audit-fixture';

let dir: string;
let cleanup: () => void;
const run = (...args: string[]) => runCli(dir, ...args);

beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('papertape-verify-cli-'));
  const db = openDatabase(databasePath(dir));
  const store = openWorkstationAuditStore(db, dir, () => 0);
  registerSession(store, 's1');
  const sink = createSqliteSink(store, { everyEvents: 4, everyMs: 0 });
  for (let i = 0; i < 5; i++) sink.appendStep('s1', events(2, i * 2));
  db.close();
});
afterEach(() => cleanup());

describe('papertape verify', () => {
  it('exits 0 when everything holds, and app.health reports the verification', async () => {
    const r = await run('verify');
    expect(r.code).toBe(0);
    expect(r.out).toContain('All 2 log(s) verify (12 events read)');
    const ctx = createAppContext({ dataDir: dir });
    try {
      const health = appHealth(ctx);
      expect(health.audit.status).toBe('verified');
    } finally {
      ctx.close();
    }
  });

  it('runs SQLite quick_check where integrity is the question (verify, doctor), not on every open', async () => {
    const file = databasePath(dir);
    const probe = new Database(file, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const pages = probe.pragma('page_count', { simple: true }) as number;
    probe.close();
    const bytes = fs.readFileSync(file);
    // Damage a page in the middle of the file: the header and schema (page 1) still read.
    const page = Math.floor(pages / 2);
    bytes.fill(0xff, page * pageSize, page * pageSize + 64);
    fs.writeFileSync(file, bytes);
    const db = openDatabase(file);
    db.close();
    expect(() => openDatabase(file, { quickCheck: true })).toThrow(/failed SQLite's quick_check/);
    const v = await run('verify');
    expect(v.code).toBe(1);
    expect(v.err + v.out).toMatch(/failed SQLite's quick_check/);
    const d = await run('doctor');
    expect(d.code).not.toBe(0);
    expect(d.out + d.err).toMatch(/schema.*quick_check/s);
  });

  it('exits 1 and names the check and seq on an integrity failure', async () => {
    const other = new Database(databasePath(dir));
    other.exec('DROP TRIGGER audit_events_no_update');
    other.prepare("UPDATE audit_events SET canonical = replace(canonical, 'step 6', 'step 7') WHERE seq = 6").run();
    other.close();
    const r = await run('verify', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.failures[0]).toMatchObject({ check: 'event.hash', log: 'session/s1', seq: 6 });
    const ctx = createAppContext({ dataDir: dir });
    try {
      expect(appHealth(ctx).audit).toMatchObject({ status: 'failed' });
      expect(appHealth(ctx).audit.detail).toContain('event.hash in session/s1 at seq 6');
    } finally {
      ctx.close();
    }
  });

  it('exits 2 on an unknown log or a missing database', async () => {
    expect((await run('verify', '--log', 'session/nope')).code).toBe(2);
    fs.rmSync(databasePath(dir));
    const r = await run('verify');
    expect(r.code).toBe(2);
    expect(r.err).toContain('No Papertape database');
  });
});

describe('papertape key export', () => {
  it('prints the PEM and the fingerprint, and writes the PEM with --out', async () => {
    const out = path.join(dir, 'pub.pem');
    const r = await run('key', 'export', '--out', out, '--json');
    expect(r.code).toBe(0);
    const k = JSON.parse(r.out);
    expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(k.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(k.keyName).toBe(`papertape.local/ws-${k.fingerprint.slice(0, 16)}`);
    expect(fs.readFileSync(out, 'utf8')).toBe(k.publicKeyPem);
  });
});
