import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const MISSING =
  OPENSSL.status !== 0
    ? 'openssl is not installed'
    : /^OpenSSL [3-9]/.test(OPENSSL.stdout)
      ? null
      : `needs OpenSSL >= 3, found ${OPENSSL.stdout.trim()}`;

describe.skipIf(MISSING !== null)(`Ed25519 interoperability with openssl pkeyutl -rawin${MISSING ? ` (skipped: ${MISSING})` : ''}`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-ed-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = path.join(dir, 'k.pem');
  const pub = path.join(dir, 'k.pub.pem');
  fs.writeFileSync(priv, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  fs.writeFileSync(pub, publicKey.export({ format: 'pem', type: 'spki' }));
  const msg = path.join(dir, 'SHA256SUMS');
  fs.writeFileSync(msg, `${'ab'.repeat(32)}  events.jsonl\n`);

  it('node signs, openssl verifies (and rejects a changed message)', () => {
    const sig = path.join(dir, 'node.sig');
    fs.writeFileSync(sig, sign(null, fs.readFileSync(msg), privateKey));
    const ok = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', msg, '-sigfile', sig]);
    expect(ok.status).toBe(0);
    const other = path.join(dir, 'other');
    fs.writeFileSync(other, 'changed\n');
    expect(spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', other, '-sigfile', sig]).status).not.toBe(
      0,
    );
  });

  it('openssl signs, node verifies', () => {
    const sig = path.join(dir, 'openssl.sig');
    const r = spawnSync('openssl', ['pkeyutl', '-sign', '-inkey', priv, '-rawin', '-in', msg, '-out', sig]);
    expect(r.status).toBe(0);
    const bytes = fs.readFileSync(sig);
    expect(bytes.length).toBe(64);
    expect(verify(null, fs.readFileSync(msg), publicKey, bytes)).toBe(true);
    expect(verify(null, Buffer.from('changed\n'), publicKey, bytes)).toBe(false);
  });
});
