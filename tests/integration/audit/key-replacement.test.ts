import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../../src-main/store/database';
import { KEY_FILE } from '../../../src-main/store/signing-key/signing-key-store';
import { parseNote } from '../../../src-main/store/signed-note';
import { openAuditStore } from '../../../src-main/store/audit-log';
import { createAppContext } from '../../../src-main/app-context';
import { handlers } from '../../../src-main/ipc/handlers';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { writeSignalFileSpec } from '../pipeline/small-spec';
import { PY_MISSING, runVerifyPy } from '../evidence/script-runner';

/**
 * Issue 14 item 9: a key is created with a new data directory and recorded; a lost key is replaced
 * only by `papertape key replace`, recorded in the registry, and what the old key signed still verifies.
 */
let dir: string;
let dataDir: string;
let cleanup: () => void;
let first: string;

const spec = () => path.join(dir, 'spec.yaml');
const cli = (...args: string[]) => runCli(dataDir, ...args);
const keyFile = () => path.join(dataDir, 'keys', KEY_FILE);

interface HistoryJson {
  keyName: string;
  keys: { ordinal: number; fingerprint: string; publicKeyPem: string; reason: string; current: boolean }[];
}

function registryEvents(type: string): { actor: string; payload: Record<string, unknown> }[] {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return db
      .prepare("SELECT canonical FROM audit_events WHERE log = 'registry' ORDER BY seq")
      .pluck()
      .all()
      .map((c) => JSON.parse(c as string) as { type: string; actor: string; payload: Record<string, unknown> })
      .filter((e) => e.type === type);
  } finally {
    db.close();
  }
}

async function history(): Promise<HistoryJson> {
  const r = await cli('key', 'history', '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as HistoryJson;
}

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('papertape-key-replace-'));
  dataDir = path.join(dir, 'data');
  writeSignalFileSpec(dir, ['2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter']);
  const run = await cli('run', spec(), '--json');
  expect(run.code, run.err).toBe(0);
  first = (JSON.parse(run.out) as { session_id: string }).session_id;
});
afterEach(() => {
  cleanup();
  fs.rmSync(`${dataDir}.witness`, { force: true });
});

describe('the signing key record', () => {
  it('is made with the first session: the public key in the key history and workstation.key_created in the registry', async () => {
    const h = await history();
    const exported = JSON.parse((await cli('key', 'export', '--json')).out) as {
      publicKeyPem: string;
      fingerprint: string;
      keyName: string;
    };
    expect(h.keyName).toBe(exported.keyName);
    expect(h.keys).toEqual([
      expect.objectContaining({ ordinal: 1, fingerprint: exported.fingerprint, publicKeyPem: exported.publicKeyPem, current: true }),
    ]);
    expect(h.keys[0]!.reason).toContain('first use');
    expect(registryEvents('workstation.key_created')).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ ordinal: 1, fingerprint: exported.fingerprint }) }),
    ]);
  });
});

describe('papertape key replace', () => {
  it('refuses while the key is present, and without a reason', async () => {
    const present = await cli('key', 'replace', '--by', 'ana', '--reason', 'rotation');
    expect(present.code).toBe(2);
    expect(present.err).toContain('KEY_PRESENT');
    fs.rmSync(keyFile());
    const blank = await cli('key', 'replace', '--by', 'ana', '--reason', ' ');
    expect(blank.code).toBe(2);
    expect(fs.existsSync(keyFile())).toBe(false);
    expect((await history()).keys).toHaveLength(1);
  });

  it('replaces a lost key: recorded with who and why, the old checkpoints still verify, new sessions sign with the new key, an old session exports under it', async () => {
    const before = await history();
    fs.rmSync(keyFile());
    const missing = await cli('verify');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('papertape key replace');

    const r = await cli('key', 'replace', '--by', 'ana', '--reason', 'disk failure, no backup of keys/', '--json');
    expect(r.code, r.err).toBe(0);
    const replaced = JSON.parse(r.out) as { previous: { fingerprint: string }; current: { ordinal: number; fingerprint: string } };
    expect(replaced.previous.fingerprint).toBe(before.keys[0]!.fingerprint);
    expect(replaced.current.ordinal).toBe(2);
    expect(fs.existsSync(keyFile())).toBe(true);

    const after = await history();
    expect(after.keyName).toBe(before.keyName);
    expect(after.keys.map((k) => [k.ordinal, k.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(registryEvents('workstation.key_replaced')).toEqual([
      expect.objectContaining({
        actor: 'operator:ana',
        payload: expect.objectContaining({
          ordinal: 2,
          fingerprint: replaced.current.fingerprint,
          previousFingerprint: replaced.previous.fingerprint,
          reason: 'disk failure, no backup of keys/',
        }),
      }),
    ]);

    // Every checkpoint the lost key signed verifies with its recorded public key.
    const verify = await cli('verify', '--json');
    expect(verify.code, verify.out + verify.err).toBe(0);

    // The app's Audit view shows the same history, and names the old key's checkpoints by its fingerprint.
    const ctx = createAppContext({ dataDir });
    try {
      const pub = await handlers['key.public']({}, ctx);
      expect(pub.fingerprint).toBe(replaced.current.fingerprint);
      expect(pub.history.map((k) => [k.ordinal, k.fingerprint, k.current])).toEqual([
        [1, replaced.previous.fingerprint, false],
        [2, replaced.current.fingerprint, true],
      ]);
      const cps = await handlers['audit.checkpoints']({ log: `session/${first}` }, ctx);
      expect(cps.checkpoints.length).toBeGreaterThan(0);
      expect(cps.checkpoints.every((c) => c.keyFingerprint === replaced.previous.fingerprint && c.signatureValid)).toBe(true);
    } finally {
      ctx.close();
    }

    const second = await cli('run', spec(), '--json');
    expect(second.code, second.err).toBe(0);
    expect((await cli('verify')).code).toBe(0);
    const doctor = JSON.parse((await cli('doctor', '--json')).out) as { checks: { name: string; ok: boolean; detail: string }[] };
    expect(doctor.checks.find((c) => c.name === 'signing key')).toMatchObject({
      ok: true,
      detail: expect.stringContaining('replaces 1 earlier key'),
    });

    // The first session was sealed by the lost key: its bundle's note is cosigned by the current one.
    const out = path.join(dir, 'bundle');
    const exp = await cli('export', first, '--out', out);
    expect(exp.code, exp.err).toBe(0);
    const note = parseNote(fs.readFileSync(path.join(out, 'checkpoint.note'), 'utf8'));
    expect(note?.signatures).toHaveLength(2);
    const pem = path.join(dir, 'new.pem');
    expect((await cli('key', 'export', '--out', pem)).code).toBe(0);
    const bv = await cli('bundle-verify', out, '--pubkey', pem, '--json');
    expect(bv.code, bv.out).toBe(0);
    if (PY_MISSING === null) expect(runVerifyPy(out, ['--pubkey', pem]).code).toBe(0);
  });

  it('names the old key restored after its replacement a replaced key, and a forged key row a finding', async () => {
    const oldPem = fs.readFileSync(keyFile(), 'utf8');
    fs.rmSync(keyFile());
    expect((await cli('key', 'replace', '--by', 'ana', '--reason', 'lost')).code).toBe(0);
    const newPem = fs.readFileSync(keyFile(), 'utf8');

    fs.writeFileSync(keyFile(), oldPem);
    const old = await cli('verify');
    expect(old.code).toBe(2);
    expect(old.err).toContain('KEY_MISMATCH');
    expect(old.err).toContain('a replaced key of this store');
    fs.writeFileSync(keyFile(), newPem);

    // With plain SQL and a key of their own, someone adds it as the newest key: the registry never recorded it.
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const fingerprint = (await import('node:crypto')).createHash('sha256').update(raw).digest('hex');
    const db = new Database(databasePath(dataDir));
    db.prepare('INSERT INTO workstation_keys VALUES (3, ?, ?, ?, ?)').run(
      fingerprint,
      publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      '2026-12-08T00:00:00.000Z',
      'forged',
    );
    db.close();
    fs.writeFileSync(keyFile(), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const forged = await cli('verify', '--json');
    expect(forged.code).toBe(1);
    const report = JSON.parse(forged.out) as { failures: { check: string; detail: string }[] };
    expect(report.failures).toContainEqual(
      expect.objectContaining({ check: 'registry.key_unrecorded', detail: expect.stringContaining('the registry never recorded it') }),
    );
  });

  it('records a key left by a replacement that stopped before its record, instead of stranding the store', async () => {
    fs.rmSync(keyFile());
    // What an interrupted replacement leaves: a new key in the key store that no record names.
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(keyFile(), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), { mode: 0o600 });
    const stuck = await cli('verify');
    expect(stuck.code).toBe(2);
    expect(stuck.err).toContain('run it again to record it');
    const r = await cli('key', 'replace', '--by', 'ana', '--reason', 'the first attempt was cut off');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Recorded the unrecorded key');
    const h = await history();
    const own = (JSON.parse((await cli('key', 'export', '--json')).out) as { fingerprint: string }).fingerprint;
    expect(h.keys.map((k) => [k.ordinal, k.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(h.keys[1]!.fingerprint).toBe(own);
    expect((await cli('verify')).code).toBe(0);
  });

  it('a key history forged to list a key twice (old, attacker, old again) is a finding, and no old key verifies anything', async () => {
    const k1 = (await history()).keys[0]!;
    const { publicKey } = generateKeyPairSync('ed25519');
    const pemA = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const rawA = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const fpA = (await import('node:crypto')).createHash('sha256').update(rawA).digest('hex');
    const db = new Database(databasePath(dataDir));
    // Without the triggers or the UNIQUE constraint, as someone with plain SQL can arrange.
    db.exec(`ALTER TABLE workstation_keys RENAME TO k_old;
      CREATE TABLE workstation_keys (ordinal INTEGER PRIMARY KEY, fingerprint TEXT, public_key_pem TEXT, recorded_at TEXT, reason TEXT);
      INSERT INTO workstation_keys SELECT * FROM k_old;`);
    const add = db.prepare('INSERT INTO workstation_keys VALUES (?, ?, ?, ?, ?)');
    add.run(2, fpA, pemA, '2026-12-08T00:00:00.000Z', 'forged');
    add.run(3, k1.fingerprint, k1.publicKeyPem, '2026-12-08T00:00:01.000Z', 'forged back');
    const origin = (db.prepare("SELECT value FROM workstation_meta WHERE key = 'audit.origin'").get() as { value: string }).value;
    const store = openAuditStore(db, { keyDir: path.join(dataDir, 'keys'), origin, clock: () => 0 });
    const ev = (ordinal: number, fp: string, pem: string, prev: string) => ({
      type: 'workstation.key_replaced',
      ts: '2026-12-08T00:00:00.000Z',
      actor: 'operator:x',
      payload: { ordinal, fingerprint: fp, publicKeyPem: pem, reason: 'forged', previousFingerprint: prev },
    });
    store.append('registry', null, [ev(2, fpA, pemA, k1.fingerprint), ev(3, k1.fingerprint, k1.publicKeyPem, fpA)]);
    db.close();
    const r = await cli('verify', '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { failures: { check: string; detail: string }[] };
    expect(report.failures).toContainEqual(
      expect.objectContaining({ check: 'registry.key_unrecorded', detail: expect.stringContaining('a key is never recorded twice') }),
    );
    const replace = await cli('key', 'replace', '--by', 'x', '--reason', 'y');
    expect(replace.code).toBe(2);
  });
});
