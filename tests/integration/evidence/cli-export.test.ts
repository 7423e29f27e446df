import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/io';
import { codeStamp } from '../../../src-main/version';
import { openWorkstation, recordSession, SESSION, tempDir } from './bundle-fixture';

function capture(): CliIo & { text: () => string } {
  let out = '';
  return { out: (t) => void (out += t), err: (t) => void (out += t), isTty: false, text: () => out };
}

describe('papertape export / verify <bundle> / inspect', () => {
  it('exports a session, then verifies and inspects the bundle with exit codes 0, 1 and 2', async () => {
    const ws = openWorkstation();
    recordSession(ws.store, SESSION, 5);
    const pem = path.join(ws.dataDir, 'pub.pem');
    fs.writeFileSync(pem, ws.key.publicPem);
    ws.close();
    const out = path.join(tempDir('pt-cli-'), 'bundle');
    const io = capture();
    expect(await main(['node', 'papertape', '--data-dir', ws.dataDir, 'export', SESSION, '--out', out, '--zip'], io), io.text()).toBe(0);
    expect(fs.existsSync(`${out}.zip`)).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      size: number;
      data: { included: boolean };
      code_version: string;
    };
    expect(manifest.size).toBeGreaterThan(0);
    // The bundle names the build that wrote it: version, commit, tree state (not just "0.1.0").
    expect(manifest.code_version).toBe(codeStamp());

    const v = capture();
    expect(await main(['node', 'papertape', 'verify', out, '--pubkey', pem], v)).toBe(0);
    expect(v.text()).toMatch(/^VERIFIED/m);
    const z = capture();
    expect(await main(['node', 'papertape', 'bundle-verify', `${out}.zip`, '--json'], z)).toBe(3);
    expect(JSON.parse(z.text()) as { ok: boolean; keyPinned: boolean }).toMatchObject({ ok: true, keyPinned: false });
    const trusted = capture();
    expect(await main(['node', 'papertape', 'bundle-verify', `${out}.zip`, '--trust-bundled-key'], trusted)).toBe(0);
    expect(trusted.text()).toMatch(/^VERIFIED: .*with the bundled key only \(--trust-bundled-key\)/m);

    const i = capture();
    expect(await main(['node', 'papertape', 'inspect', out, '--pubkey', pem], i)).toBe(0);
    expect(i.text()).toMatch(/Simulated paper trading record/);

    fs.appendFileSync(path.join(out, 'events.jsonl'), '{}\n');
    const bad = capture();
    expect(await main(['node', 'papertape', 'verify', out, '--pubkey', pem], bad)).toBe(1);
    expect(bad.text()).toMatch(/INTEGRITY FAILURE: sums.files/);
    const bi = capture();
    expect(await main(['node', 'papertape', 'inspect', out], bi)).toBe(1);
    expect(bi.text()).toMatch(/Not loaded/);

    expect(await main(['node', 'papertape', 'verify', path.join(out, 'nope')], capture())).toBe(2);
    const again = capture();
    expect(await main(['node', 'papertape', '--data-dir', ws.dataDir, 'export', SESSION, '--out', out], again)).toBe(2);
  });
});
