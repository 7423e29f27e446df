import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { findElectronBinary } from '../../scripts/electron-binary.mjs';
import { makeTempDir } from '../support/temp-dir';

/**
 * Smoke tests of the real desktop app through Playwright's `_electron`. They need the Electron
 * binary, which build machines here do not have: then every test is skipped with the reason below.
 * Run on a release machine: `npm run build && npx vitest run --config vitest.electron.config.ts`.
 */
const ROOT = path.resolve(__dirname, '../..');
const electronPath = findElectronBinary() as string | null;
const builtMain = fs.existsSync(path.join(ROOT, 'out/main/index.js'));
const SKIP_REASON = !electronPath
  ? 'SKIPPED: no Electron binary (node_modules/electron/path.txt or dist/ missing; installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?)'
  : !builtMain
    ? 'SKIPPED: out/main/index.js missing; run `npm run build` first'
    : null;
if (SKIP_REASON) console.warn(`[electron smoke] ${SKIP_REASON}`);

function cli(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/papertape.mjs'), '--data-dir', dataDir, ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
}

type Bridge = { invoke(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> };
const invoke = (page: Page, name: string, input?: unknown) =>
  page.evaluate(([n, i]) => (window as unknown as { papertape: Bridge }).papertape.invoke(n as string, i), [name, input] as const);

describe.skipIf(SKIP_REASON !== null)('Papertape desktop app (Electron smoke)', () => {
  let app: ElectronApplication;
  let page: Page;
  let temp: { dir: string; cleanup(): void };

  beforeAll(async () => {
    temp = makeTempDir('papertape-smoke-');
    // A fixture session recorded headless first: the app must open what the CLI wrote.
    const run = cli(temp.dir, 'run', path.join(ROOT, 'fixtures/specs/demo-research.yaml'), '--json');
    expect(run.status, run.stderr).toBe(0);
    app = await _electron.launch({ executablePath: electronPath!, args: [ROOT, '--data-dir', temp.dir], cwd: ROOT });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    temp?.cleanup();
  });

  it('launches the app page from the private protocol with PAPER ONLY showing', async () => {
    expect(page.url()).toBe('papertape://app/index.html');
    await expect.poll(() => page.getByTestId('paper-only').textContent()).toBe('PAPER ONLY');
  });

  it('gives the page no Node and only the two-function bridge', async () => {
    const surface = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys((window as unknown as { papertape: object }).papertape).sort(),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'on'] });
  });

  it('denies window.open and navigation away from the app', async () => {
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect.poll(() => page.url()).toBe('papertape://app/index.html');
    expect(app.windows()).toHaveLength(1);
  });

  it('opens the fixture session recorded by the CLI', async () => {
    const health = await invoke(page, 'app.health');
    expect(health).toMatchObject({ ok: true, value: { store: { reachable: true } } });
    const list = (await invoke(page, 'sessions.list', {})) as { ok: boolean; value: unknown };
    expect(list.ok).toBe(true);
    expect(JSON.stringify(list.value)).toMatch(/research/);
  });

  it('leaves a chain that verifies after the app closes', async () => {
    await app.close();
    const verify = cli(temp.dir, 'verify');
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
  });

  it('runs the CLI inside the app binary (--papertape-cli), with RunAsNode never needed', () => {
    const r = spawnSync(electronPath!, [ROOT, '--papertape-cli', '--data-dir', temp.dir, 'verify', '--json'], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '' },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });
});

describe.runIf(SKIP_REASON !== null)('Papertape desktop app (Electron smoke) — skipped', () => {
  it.skip(SKIP_REASON ?? 'skipped', () => undefined);
});
