import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src-main/app-context';
import { validateChosenPath } from '../../../src-main/electron/dialogs/chosen-path';
import { attachDialogProvider, type DialogProvider } from '../../../src-main/electron/dialogs/dialog-provider';
import { dialogFilters } from '../../../src-main/electron/dialogs/file-purposes';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { makeTempDir } from '../../support/temp-dir';

const APP = { url: 'papertape://app/index.html' };

describe('validateChosenPath', () => {
  it.each([
    ['/home/a/ticks.csv', 'market-data', 'linux'],
    ['/home/a/ticks.ZIP', 'market-data', 'darwin'],
    ['/Users/a/Documents/run.yaml', 'run-spec', 'darwin'],
    ['C:\\Users\\a\\bundle.zip', 'evidence-bundle', 'win32'],
  ] as const)('accepts %s for %s on %s', (p, purpose, platform) => {
    expect(validateChosenPath(p, purpose, platform)).toMatchObject({ ok: true });
  });

  it.each([
    ['', 'market-data', 'linux', 'why=empty'],
    ['ticks.csv', 'market-data', 'linux', 'why=not-absolute'],
    ['../ticks.csv', 'market-data', 'linux', 'why=not-absolute'],
    ['/home/a/ticks.csv\u0000.zip', 'market-data', 'linux', 'why=control-character'],
    ['/home/a/ti\ncks.csv', 'market-data', 'linux', 'why=control-character'],
    ['/home/a/ticks.exe', 'market-data', 'linux', 'why=extension'],
    ['/home/a/ticks', 'market-data', 'linux', 'ext=none'],
    ['/home/a/.csv', 'market-data', 'linux', 'ext=none'],
    ['/home/a/bundle.zip.exe', 'evidence-bundle', 'linux', 'why=extension'],
    ['/home/a/data.csv', 'evidence-bundle', 'linux', 'why=extension'],
    ['/' + 'a'.repeat(5000) + '.csv', 'market-data', 'linux', 'why=too-long'],
    ['C:bundle.zip', 'evidence-bundle', 'win32', 'why=not-absolute'],
    ['\\bundle.zip', 'evidence-bundle', 'win32', 'why=not-a-drive-path'],
    ['\\\\?\\C:\\bundle.zip', 'evidence-bundle', 'win32', 'why=unc-or-device-path'],
    ['\\\\.\\PhysicalDrive0\\bundle.zip', 'evidence-bundle', 'win32', 'why=unc-or-device-path'],
    ['\\\\fileserver\\share\\bundle.zip', 'evidence-bundle', 'win32', 'why=unc-or-device-path'],
    ['//fileserver/share/bundle.zip', 'evidence-bundle', 'win32', 'why=unc-or-device-path'],
    ['/home/a/../../etc/passwd.csv', 'market-data', 'linux', 'why=dot-dot-segment'],
    ['C:\\Users\\a\\bundle.zip', 'evidence-bundle', 'linux', 'why=not-absolute'],
  ] as const)('refuses %j for %s on %s (%s)', (p, purpose, platform, reason) => {
    const v = validateChosenPath(p, purpose, platform);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(reason);
  });

  it('refuses non-strings', () => {
    expect(validateChosenPath(undefined, 'metrics', 'linux')).toEqual({ ok: false, reason: 'PATH_REFUSED: why=empty' });
    expect(validateChosenPath(['/a.csv'], 'report-csv', 'linux').ok).toBe(false);
  });

  it('derives dialog filters from the allow-list', () => {
    expect(dialogFilters('run-spec')).toEqual([{ name: 'Run spec', extensions: ['json', 'yaml', 'yml'] }]);
  });
});

describe('dialog.openFile / dialog.saveFile through the registry', () => {
  let t: { dir: string; cleanup(): void };
  let ctx: AppContext;
  beforeEach(() => {
    t = makeTempDir('papertape-dialog-');
    ctx = createAppContext({ dataDir: t.dir });
  });
  afterEach(() => {
    ctx.close();
    t.cleanup();
  });

  const registry = () => createRegistry(ctx, handlers, { trustedOrigin: 'papertape://app' });

  it('answers with a clear REFUSED envelope when no dialog provider is attached (CLI, tests)', async () => {
    const r = await registry().dispatch('dialog.openFile', { purpose: 'market-data' }, APP);
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(!r.ok && r.error.message).toMatch(/only in the desktop app/);
  });

  it('rejects inputs outside the strict schema before any dialog opens', async () => {
    let opened = 0;
    const provider: DialogProvider = {
      platform: 'linux',
      showOpen: async () => (opened++, { canceled: true, filePaths: [] }),
      showSave: async () => (opened++, { canceled: true }),
      showOpenFolder: async () => (opened++, { canceled: true, filePaths: [] }),
    };
    attachDialogProvider(ctx, provider);
    for (const input of [
      { purpose: 'anything' },
      { purpose: 'market-data', defaultPath: '/etc/passwd' },
      {},
      { purpose: 'evidence-bundle', suggestedName: '../../evil.zip' },
      { purpose: 'evidence-bundle', suggestedName: '/abs.zip' },
      { purpose: 'evidence-bundle', suggestedName: 'a\\b.zip' },
    ]) {
      const call = 'suggestedName' in input ? 'dialog.saveFile' : 'dialog.openFile';
      expect(await registry().dispatch(call, input, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    for (const input of [
      {},
      { purpose: 'evidence-bundle' },
      { purpose: 'market-data' },
      { purpose: 'evidence-export-folder', defaultPath: '/etc' },
      { purpose: 'evidence-export-folder', properties: ['openFile'] },
    ]) {
      expect(await registry().dispatch('dialog.chooseFolder', input, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(opened).toBe(0);
  });

  it('returns the validated path, a cancel, or a refusal naming the allowed extensions', async () => {
    const answers = [
      { canceled: false, filePaths: ['/data/ticks.csv'] },
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: ['/data/evil.sh'] },
      { canceled: false, filePaths: ['/a.csv', '/b.csv'] },
    ];
    const seen: unknown[] = [];
    attachDialogProvider(ctx, {
      platform: 'linux',
      showOpen: async (opts) => (seen.push(opts), answers.shift()!),
      showSave: async (opts) => (seen.push(opts), { canceled: false, filePath: '/out/bundle.zip' }),
      showOpenFolder: async () => ({ canceled: true, filePaths: [] }),
    });
    const r = registry();
    expect(await r.dispatch('dialog.openFile', { purpose: 'market-data' }, APP)).toEqual({
      ok: true,
      value: { canceled: false, path: '/data/ticks.csv', token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    expect(await r.dispatch('dialog.openFile', { purpose: 'market-data' }, APP)).toEqual({
      ok: true,
      value: { canceled: true, path: null },
    });
    expect(await r.dispatch('dialog.openFile', { purpose: 'market-data' }, APP)).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', details: { allowed: ['.csv', '.zip'] } },
    });
    expect(await r.dispatch('dialog.openFile', { purpose: 'market-data' }, APP)).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await r.dispatch('dialog.saveFile', { purpose: 'evidence-bundle', suggestedName: 'session-1.zip' }, APP)).toEqual({
      ok: true,
      value: { canceled: false, path: '/out/bundle.zip', token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    expect(seen[0]).toEqual({ title: 'Open market data file', filters: [{ name: 'Market data file', extensions: ['csv', 'zip'] }] });
    expect(seen.at(-1)).toMatchObject({ defaultPath: 'session-1.zip' });
  });

  it('refuses a call from any other page', async () => {
    expect(await registry().dispatch('dialog.openFile', { purpose: 'market-data' }, { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
  });
});
