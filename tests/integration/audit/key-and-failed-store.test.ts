import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../../src-main/store/database';
import { KEY_FILE } from '../../../src-main/store/signing-key/signing-key-store';
import { runCli } from '../../support/cli-run';
import { makeTempDir } from '../../support/temp-dir';
import { writeSignalFileSpec } from '../pipeline/small-spec';

/** Issue 14 items 9 and 10: a lost key is not silently replaced; a store that failed verification takes no new session. */
let dir: string;
let dataDir: string;
let cleanup: () => void;

const spec = () => path.join(dir, 'spec.yaml');
const cli = (...args: string[]) => runCli(dataDir, ...args);

beforeEach(async () => {
  ({ dir, cleanup } = makeTempDir('papertape-key-'));
  dataDir = path.join(dir, 'data');
  writeSignalFileSpec(dir, ['2026-12-01T01:00:00Z,a,TX 202612,buy,1,500,enter']);
  expect((await cli('run', spec(), '--json')).code).toBe(0);
});
afterEach(() => {
  cleanup();
  fs.rmSync(`${dataDir}.witness`, { force: true });
});

describe('a deleted signing key', () => {
  it('is an error that says so for verify, run, key export and doctor, and no new key appears', async () => {
    const keyFile = path.join(dataDir, 'keys', KEY_FILE);
    fs.rmSync(keyFile);
    for (const args of [['verify'], ['run', spec()], ['key', 'export']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err, args.join(' ')).toContain('KEY_MISSING: the workstation signing key is gone');
      expect(fs.existsSync(keyFile), args.join(' ')).toBe(false);
    }
    const doctor = await cli('doctor', '--json');
    expect(doctor.code).toBe(1);
    const checks = (JSON.parse(doctor.out) as { checks: { name: string; ok: boolean; detail: string }[] }).checks;
    expect(checks.find((c) => c.name === 'signing key')).toMatchObject({ ok: false, detail: expect.stringContaining('KEY_MISSING') });
  });

  it('replaced by another key is named a mismatch', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.writeFileSync(path.join(dataDir, 'keys', KEY_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    const r = await cli('verify');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('KEY_MISMATCH');
  });
});

describe('a store whose last verification failed', () => {
  it('refuses new sessions with the finding until someone acknowledges it; doctor says so; the acknowledgement is in the registry', async () => {
    const db = new Database(databasePath(dataDir));
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare(
      "UPDATE audit_events SET canonical = replace(canonical, '\"bid\":', '\"bid\": ') WHERE log LIKE 'session/%' AND seq = 3",
    ).run();
    db.close();
    expect((await cli('verify')).code).toBe(1);

    const refused = await cli('run', spec());
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/STORE_VERIFICATION_FAILED: check=event\.\w+, log=session\/\S+, seq=3/);
    const doctor = await cli('doctor', '--json');
    expect(doctor.code).toBe(1);
    const audit = (JSON.parse(doctor.out) as { checks: { name: string; ok: boolean; detail: string }[] }).checks.find(
      (c) => c.name === 'audit',
    );
    expect(audit).toMatchObject({ ok: false, detail: expect.stringContaining('new sessions are refused') });

    expect((await cli('incidents', 'acknowledge-verification', '--by', 'ana', '--reason', '')).code).toBe(2);
    const ack = await cli(
      'incidents',
      'acknowledge-verification',
      '--by',
      'ana',
      '--reason',
      'row 3 edited by the drill; kept as evidence',
    );
    expect(ack.err).toBe('');
    expect(ack.out).toContain('Acknowledged event.');
    expect((await cli('run', spec())).code).toBe(0);
    expect((await cli('incidents', 'acknowledge-verification', '--by', 'ana', '--reason', 'again')).code).not.toBe(0);
    const check = new Database(databasePath(dataDir), { readonly: true });
    const acks = check
      .prepare("SELECT canonical FROM audit_events WHERE log = 'registry'")
      .pluck()
      .all()
      .map((c) => JSON.parse(c as string) as { type: string; actor: string })
      .filter((e) => e.type === 'audit.finding_acknowledged');
    check.close();
    expect(acks).toEqual([expect.objectContaining({ actor: 'operator:ana' })]);
  });
});
