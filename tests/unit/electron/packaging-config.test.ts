import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  win: { target: { target: string; arch: string[] }[]; icon: string; extraFiles: { from: string; to: string }[] };
  mac: { target: { target: string; arch: string[] }[]; icon: string; extraResources: { from: string; to: string }[] };
  afterPack: string;
};
const { FUSES, fuseConfig } = require(path.join(ROOT, 'scripts/fuses.cjs')) as {
  FUSES: Record<string, boolean>;
  fuseConfig: (
    o: typeof FuseV1Options,
    v: typeof FuseVersion,
    opts?: { resetAdHocDarwinSignature?: boolean },
  ) => Record<string | number, unknown>;
};

/** electron-builder's rule: a path ships when a positive pattern matches and no negated one does. */
function ships(file: string): boolean {
  const positive = config.files.filter((p) => !p.startsWith('!'));
  const negative = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  return positive.some((p) => path.matchesGlob(file, p)) && !negative.some((p) => path.matchesGlob(file, p));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, l: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, publsh: null }, new DebugLogger(false))).rejects.toThrow(/publsh/);
  });

  it('targets Windows NSIS + portable and macOS dmg for x64 and arm64', () => {
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  });

  it('packs into asar with every better-sqlite3 prebuilt binary for the targets unpacked', () => {
    expect(config.asar).toBe(true);
    for (const bin of ['win32-x64.node', 'darwin-x64.node', 'darwin-arm64.node']) {
      const file = `node_modules/better-sqlite3/prebuilds/${bin}`;
      expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
      expect(config.asarUnpack.some((p) => path.matchesGlob(file, p))).toBe(true);
    }
    // The JavaScript stays in the archive; only the native code is unpacked.
    expect(config.asarUnpack.some((p) => path.matchesGlob('node_modules/better-sqlite3/lib/database.js', p))).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it('has no auto-update and no publish target anywhere', () => {
    expect(config.publish).toBeNull();
    const text = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(provider|url|electronUpdaterCompatibility|generateUpdatesFilesForAllChannels):/m);
    expect(text).not.toMatch(/https?:\/\//);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('electron-updater');
  });

  it('ships the built app and keeps tests, fixtures, sources and source maps out', () => {
    for (const f of ['out/main/index.js', 'out/main/jobs-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect([f, ships(f)]).toEqual([f, true]);
    }
    for (const f of [
      'tests/unit/electron/main-wiring.test.ts',
      'tests/e2e/harness.ts',
      'fixtures/market/ticks.csv',
      'src-main/electron/main.ts',
      'out/main/index.js.map',
      'out/renderer/assets/index.js.map',
      'docs/security.md',
      'bench/run.mjs',
      'test-results/screenshots/a.png',
      'electron.vite.config.ts',
      'out/tests/x.js',
      'out/fixtures/demo.csv',
    ]) {
      expect([f, ships(f)]).toEqual([f, false]);
    }
  });

  it('points at icons that exist and are real PNG / ICO / ICNS files', () => {
    const magic = (f: string, n: number) => fs.readFileSync(path.join(ROOT, f)).subarray(0, n).toString('hex');
    expect(config.win.icon).toBe('resources/icon.ico');
    expect(config.mac.icon).toBe('resources/icon.icns');
    expect(magic('resources/icon.png', 8)).toBe('89504e470d0a1a0a');
    expect(magic('resources/icon.ico', 4)).toBe('00000100');
    expect(magic('resources/icon.icns', 4)).toBe(Buffer.from('icns').toString('hex'));
    const png = fs.readFileSync(path.join(ROOT, 'resources/icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('runs the fuse hook after pack', () => {
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    const hook = require(path.join(ROOT, config.afterPack)) as ((c: unknown) => Promise<void>) & {
      electronBinaryPath(c: unknown): string;
    };
    expect(hook).toBeTypeOf('function');
    const ctx = (platform: string) => ({
      appOutDir: '/o',
      electronPlatformName: platform,
      packager: { appInfo: { productFilename: 'Papertape' }, executableName: 'papertape' },
    });
    expect(hook.electronBinaryPath(ctx('darwin'))).toBe(path.join('/o', 'Papertape.app'));
    expect(hook.electronBinaryPath(ctx('win32'))).toBe(path.join('/o', 'Papertape.exe'));
    expect(hook.electronBinaryPath(ctx('linux'))).toBe(path.join('/o', 'papertape'));
  });
});

describe('the CLI inside the installed app', () => {
  const launcher = path.join(ROOT, 'resources/cli/papertape');

  it('ships papertape.cmd next to Papertape.exe and bin/papertape inside Papertape.app', () => {
    expect(config.win.extraFiles).toEqual([{ from: 'resources/cli/papertape.cmd', to: 'papertape.cmd' }]);
    expect(config.mac.extraResources).toEqual([{ from: 'resources/cli/papertape', to: 'bin/papertape' }]);
    const cmd = fs.readFileSync(path.join(ROOT, 'resources/cli/papertape.cmd'), 'utf8');
    // cmd.exe wants CRLF; the exit code of the app is the launcher's.
    expect(cmd.split('\r\n').length).toBe(cmd.split('\n').length);
    expect(cmd).toContain('"%~dp0Papertape.exe" --papertape-cli %*\r\n');
    expect(cmd).toMatch(/exit \/b %ERRORLEVEL%\r\n$/);
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
    // The app binary runs the CLI, so Electron as Node is never needed.
    expect(FUSES.RunAsNode).toBe(false);
  });

  it.skipIf(process.platform === 'win32')(
    'the macOS launcher runs the app binary with --papertape-cli and every argument as given, also through a symlink, and returns its exit code',
    () => {
      const t = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-launcher-'));
      try {
        const contents = path.join(t, 'Papertape.app', 'Contents');
        fs.mkdirSync(path.join(contents, 'MacOS'), { recursive: true });
        fs.mkdirSync(path.join(contents, 'Resources', 'bin'), { recursive: true });
        // A stand-in app binary: prints its arguments one a line and exits 7.
        fs.writeFileSync(path.join(contents, 'MacOS', 'Papertape'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\nexit 7\n', {
          mode: 0o755,
        });
        const installed = path.join(contents, 'Resources', 'bin', 'papertape');
        fs.copyFileSync(launcher, installed);
        fs.chmodSync(installed, 0o755);
        fs.mkdirSync(path.join(t, 'usr-local-bin'));
        const linked = path.join(t, 'usr-local-bin', 'papertape');
        fs.symlinkSync(installed, linked);
        for (const via of [installed, linked]) {
          const r = spawnSync(via, ['verify', '--data-dir', '/tmp/a dir', '--json'], { encoding: 'utf8' });
          expect([via, r.status]).toEqual([via, 7]);
          expect(r.stdout.split('\n').slice(0, -1)).toEqual(['--papertape-cli', 'verify', '--data-dir', '/tmp/a dir', '--json']);
        }
      } finally {
        fs.rmSync(t, { recursive: true, force: true });
      }
    },
  );
});

describe('Electron fuses', () => {
  it('flips exactly the agreed list', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('maps names onto the @electron/fuses wire indexes', () => {
    const c = fuseConfig(FuseV1Options, FuseVersion, { resetAdHocDarwinSignature: true });
    expect(c.version).toBe(FuseVersion.V1);
    expect(c.resetAdHocDarwinSignature).toBe(true);
    expect(c[FuseV1Options.RunAsNode]).toBe(false);
    expect(c[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(c[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(c[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(c[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(c[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(fuseConfig(FuseV1Options, FuseVersion).resetAdHocDarwinSignature).toBe(false);
  });

  it('fails loudly on a fuse name the library does not know', () => {
    expect(() => fuseConfig({ RunAsNode: 0 } as unknown as typeof FuseV1Options, FuseVersion)).toThrow(/Unknown Electron fuse/);
  });
});
