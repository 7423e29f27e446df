import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../src-main/services/evidence/sha256-sums';
import { runCli } from '../../support/cli-run';
import { exportFixture, openWorkstation, recordSession, reseal, tempDir, type Workstation } from './bundle-fixture';
import { PY_MISSING, REFERENCE_SCRIPTS, runVerifyPy, runVerifySh, SH_MISSING } from './script-runner';

/** The scripts inside a bundle state their hash, so a reviewer can check them against a copy obtained apart. */
let ws: Workstation;
let bundle: string;
let pem: string;
const reference = (name: string) => sha256File(path.join(REFERENCE_SCRIPTS, name));

beforeAll(async () => {
  ws = openWorkstation();
  recordSession(ws.store, undefined, 4);
  bundle = path.join(tempDir('pt-scripts-'), 'bundle');
  await exportFixture(ws, bundle);
  pem = path.join(path.dirname(bundle), 'pinned.pem');
  fs.writeFileSync(pem, ws.key.publicPem);
});

describe('verifier script hashes', () => {
  it('papertape verifier-hashes prints the SHA-256 of the shipped scripts, and report.html lists the bundled ones', async () => {
    const r = await runCli(ws.dataDir, 'verifier-hashes');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${reference('verify.sh')}  verify.sh\n${reference('verify.py')}  verify.py\n`);
    const html = fs.readFileSync(path.join(bundle, 'report.html'), 'utf8');
    expect(html).toContain(reference('verify.sh'));
    expect(html).toContain(reference('verify.py'));
  });

  it.skipIf(PY_MISSING !== null)('verify.py prints its own SHA-256', () => {
    expect(runVerifyPy(bundle, ['--pubkey', pem]).out).toContain(`"sha256": "${reference('verify.py')}"`);
    expect(runVerifyPy(bundle, ['--pubkey', pem]).code).toBe(0);
  });

  it.skipIf(SH_MISSING !== null)('verify.sh prints its own SHA-256', () => {
    const r = runVerifySh(bundle, ['--pubkey', pem]);
    expect(r.out.split('\n')[0]).toBe(
      `verify.sh SHA-256 ${reference('verify.sh')}: compare it with \`papertape verifier-hashes\` on a Papertape you trust`,
    );
    expect(r.code).toBe(0);
  });

  it('papertape verify says whether the bundled scripts are this installation’s copies', async () => {
    const same = await runCli(ws.dataDir, 'verify', bundle, '--pubkey', pem);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(/bundled verify\.py: the same bytes as this Papertape's copy/);
    // A key holder may rewrite a script and re-sign: every check still holds, the hash gives it away.
    const dir = path.join(path.dirname(bundle), 'rewritten');
    fs.cpSync(bundle, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'verify.py'), '\n# always says VERIFIED\n');
    reseal(dir, ws.key);
    const changed = await runCli(ws.dataDir, 'verify', dir, '--pubkey', pem);
    expect(changed.code).toBe(0);
    expect(changed.out).toMatch(/bundled verify\.py: DIFFERS from this Papertape's copy .*run the copy you trust/);
    expect(changed.out).toMatch(/bundled verify\.sh: the same bytes/);
  });
});
