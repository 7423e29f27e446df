import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
// @ts-expect-error plain ESM script without types
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false }, out: () => out, err: () => err };
}

describe('papertape CLI', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('prints its version and help', async () => {
    const v = capture();
    expect(await main(['node', 'papertape', '--version'], v.io)).toBe(0);
    expect(v.out().trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = capture();
    expect(await main(['node', 'papertape', '--help'], h.io)).toBe(0);
    expect(h.out()).toContain('doctor');
    expect(h.out()).toContain('--data-dir');
  });

  it('doctor checks a real data directory and reports JSON', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const c = capture();
    const code = await main(['node', 'papertape', '--data-dir', dir, 'doctor', '--json'], c.io);
    const report = JSON.parse(c.out()) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((x) => x.name)).toEqual([
      'node',
      'better-sqlite3',
      'data directory',
      'schema',
      'signing key',
      'audit',
      'chromium',
    ]);
    expect(report.checks.find((x) => x.name === 'signing key')?.detail).toContain('not created yet');
    expect(report.checks.find((x) => x.name === 'data directory')?.detail).toContain(dir);
  });

  it('doctor fails with exit 1 on an unusable data directory, naming it', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const blocker = path.join(dir, 'file');
    (await import('node:fs')).writeFileSync(blocker, 'x');
    const c = capture();
    expect(await main(['node', 'papertape', '--data-dir', path.join(blocker, 'sub'), 'doctor'], c.io)).toBe(1);
    expect(c.out()).toMatch(/FAIL\s+data directory/);
  });

  it('exits 2 on a usage error', async () => {
    const c = capture();
    expect(await main(['node', 'papertape', 'no-such-command'], c.io)).toBe(2);
    expect(c.err()).toContain('unknown command');
  });

  it('runs as `papertape` under plain Node through the bin entry, honouring PAPERTAPE_DATA_DIR', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/papertape.mjs'), 'doctor', '--json'], {
      env: { ...process.env, PAPERTAPE_DATA_DIR: dir },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).checks[2].detail).toContain(dir);
  });
});

describe('npm start without the Electron binary', () => {
  it.skipIf(findElectronBinary() !== null)('prints a clear message naming the headless CLI, not a stack trace', () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Electron binary is not installed');
    expect(res.stderr).toContain('npx papertape doctor');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
