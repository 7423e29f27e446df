import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPrng } from '../../../src-main/pipeline/clock/seeded-prng';
import { verifyBundle } from '../../../src-main/services/evidence/open-bundle';
import { exportFixture, openWorkstation, recordSession, tempDir } from './bundle-fixture';
import { PY_MISSING, REFERENCE_SCRIPTS, runVerifyPy, runVerifySh, SH_MISSING } from './script-runner';

let dir: string;
let pem: string;
let files: { name: string; size: number }[];

beforeAll(async () => {
  const ws = openWorkstation();
  recordSession(ws.store, undefined, 6);
  dir = path.join(tempDir('pt-flips-'), 'bundle');
  await exportFixture(ws, dir);
  pem = ws.key.publicPem;
  ws.close();
  files = fs.readdirSync(dir).map((name) => ({ name, size: fs.statSync(path.join(dir, name)).size }));
});

/** Flips one byte (XOR with a non-zero mask) and restores it after `check`. */
function withFlip(seed: number, i: number, check: (what: string) => void): void {
  const prng = createPrng(seed * 1_000_003 + i);
  const f = files[prng.int(0, files.length - 1)]!;
  const p = path.join(dir, f.name);
  const original = fs.readFileSync(p);
  const offset = prng.int(0, f.size - 1);
  const mask = prng.int(1, 255);
  const changed = Buffer.from(original);
  changed[offset]! ^= mask;
  expect(changed.equals(original)).toBe(false);
  fs.writeFileSync(p, changed);
  try {
    check(`${f.name}@${offset}^${mask}`);
  } finally {
    fs.writeFileSync(p, original);
  }
}

describe('random single-byte flips', () => {
  it('the clean bundle verifies with the pinned key', () => {
    expect(verifyBundle(dir, { pubkeyPem: pem }).ok).toBe(true);
  });

  it('1,000 flips in the CLI verifier are all detected', () => {
    const missed: string[] = [];
    for (let i = 0; i < 1000; i++) withFlip(42, i, (what) => (verifyBundle(dir, { pubkeyPem: pem }).ok ? missed.push(what) : undefined));
    expect(missed).toEqual([]);
    expect(verifyBundle(dir, { pubkeyPem: pem }).ok).toBe(true);
  });

  it.skipIf(PY_MISSING !== null)(`20 flips: verify.py agrees${PY_MISSING ? ` (skipped: ${PY_MISSING})` : ''}`, () => {
    const pemFile = path.join(path.dirname(dir), 'pinned.pem');
    fs.writeFileSync(pemFile, pem);
    // A flip inside the bundle's own verify.py can make that copy say anything: the reviewer runs a copy obtained apart.
    for (let i = 0; i < 20; i++)
      withFlip(7, i, (what) => expect(runVerifyPy(dir, ['--pubkey', pemFile], REFERENCE_SCRIPTS).code, what).toBe(1));
  });

  it.skipIf(SH_MISSING !== null)(`4 flips: verify.sh agrees${SH_MISSING ? ` (skipped: ${SH_MISSING})` : ''}`, () => {
    const pemFile = path.join(path.dirname(dir), 'pinned.pem');
    fs.writeFileSync(pemFile, pem);
    for (let i = 0; i < 4; i++)
      withFlip(9, i, (what) => expect(runVerifySh(dir, ['--pubkey', pemFile], REFERENCE_SCRIPTS).code, what).toBe(1));
  });
});
