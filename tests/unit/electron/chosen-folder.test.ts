import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src-main/app-context';
import { folderKindOnDisk, validateChosenFolder, type FolderKind } from '../../../src-main/electron/dialogs/chosen-folder';
import { attachDialogProvider } from '../../../src-main/electron/dialogs/dialog-provider';
import { handlers } from '../../../src-main/ipc/handlers';
import { createRegistry } from '../../../src-main/ipc/registry';
import { makeTempDir } from '../../support/temp-dir';

const APP = { url: 'papertape://app/index.html' };
const always = (kind: FolderKind) => () => kind;

describe('validateChosenFolder', () => {
  it.each([
    ['/home/a/exports', 'linux', '/home/a/exports'],
    ['/home/a/exports/', 'linux', '/home/a/exports'],
    ['/home/a//exports///', 'darwin', '/home/a/exports'],
    ['/', 'linux', '/'],
    ['/Users/a/My Bundles', 'darwin', '/Users/a/My Bundles'],
    ['C:\\Users\\a\\exports\\', 'win32', 'C:\\Users\\a\\exports'],
    ['C:\\', 'win32', 'C:\\'],
  ] as const)('accepts the directory %j on %s as %j', (raw, platform, expected) => {
    expect(validateChosenFolder(raw, 'evidence-export-folder', platform, always('directory'))).toEqual({ ok: true, path: expected });
    expect(validateChosenFolder(raw, 'evidence-bundle-folder', platform, always('directory'))).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['', 'linux', 'why=empty'],
    ['exports', 'linux', 'why=not-absolute'],
    ['./exports', 'linux', 'why=not-absolute'],
    ['~/exports', 'linux', 'why=not-absolute'],
    ['/home/a/exp\u0000orts', 'linux', 'why=control-character'],
    ['/home/a/exp\norts', 'linux', 'why=control-character'],
    ['/home/a/exports\r', 'darwin', 'why=control-character'],
    ['/home/a/\u007fexports', 'linux', 'why=control-character'],
    ['/home/a/../../etc', 'linux', 'why=dot-dot-segment'],
    ['/home/a/exports/..', 'linux', 'why=dot-dot-segment'],
    ['C:\\Users\\a\\..\\..\\Windows', 'win32', 'why=dot-dot-segment'],
    ['C:\\Users/a/../b', 'win32', 'why=dot-dot-segment'],
    ['/' + 'a'.repeat(5000), 'linux', 'why=too-long'],
    ['C:exports', 'win32', 'why=not-absolute'],
    ['\\exports', 'win32', 'why=not-a-drive-path'],
    ['C:/exports', 'win32', 'why=not-a-drive-path'],
    ['\\\\?\\C:\\exports', 'win32', 'why=unc-or-device-path'],
    ['\\\\.\\PhysicalDrive0', 'win32', 'why=unc-or-device-path'],
    ['\\\\fileserver\\share\\bundles', 'win32', 'why=unc-or-device-path'],
    ['//fileserver/share/bundles', 'win32', 'why=unc-or-device-path'],
    ['\\/fileserver\\share', 'win32', 'why=unc-or-device-path'],
    ['//host/share', 'linux', 'why=unc-or-device-path'],
    ['C:\\Users\\a\\exports', 'linux', 'why=not-absolute'],
  ] as const)('refuses %j on %s (%s) before looking at the disk', (raw, platform, reason) => {
    let looked = 0;
    const v = validateChosenFolder(raw, 'evidence-export-folder', platform, () => (looked++, 'directory'));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toContain(reason);
    expect(looked).toBe(0);
  });

  it('refuses non-strings', () => {
    expect(validateChosenFolder(undefined, 'evidence-export-folder', 'linux', always('directory'))).toEqual({
      ok: false,
      reason: 'PATH_REFUSED: why=empty',
    });
    expect(validateChosenFolder(['/a'], 'evidence-export-folder', 'linux', always('directory')).ok).toBe(false);
  });

  it('lets an export folder not exist yet, but a bundle to open must be there', () => {
    expect(validateChosenFolder('/home/a/new', 'evidence-export-folder', 'linux', always('missing'))).toEqual({
      ok: true,
      path: '/home/a/new',
    });
    expect(validateChosenFolder('/home/a/new', 'evidence-bundle-folder', 'linux', always('missing'))).toEqual({
      ok: false,
      reason: 'PATH_REFUSED: why=no-such-folder, purpose=evidence-bundle-folder',
    });
  });

  it('refuses a file, or a path it cannot read, for either purpose', () => {
    for (const purpose of ['evidence-export-folder', 'evidence-bundle-folder'] as const) {
      expect(validateChosenFolder('/home/a/x.zip', purpose, 'linux', always('not-a-directory'))).toEqual({
        ok: false,
        reason: `PATH_REFUSED: why=not-a-directory, purpose=${purpose}`,
      });
      expect(validateChosenFolder('/root/x', purpose, 'linux', always('unreadable'))).toMatchObject({ ok: false });
    }
  });

  it('asks the disk about the normalised folder, not the raw answer', () => {
    const asked: string[] = [];
    validateChosenFolder('/home/a//b/./c/', 'evidence-export-folder', 'linux', (p) => (asked.push(p), 'directory'));
    expect(asked).toEqual(['/home/a/b/c']);
  });
});

describe('folderKindOnDisk', () => {
  let t: { dir: string; cleanup(): void };
  beforeEach(() => {
    t = makeTempDir('papertape-folder-kind-');
  });
  afterEach(() => t.cleanup());

  it('tells a directory, a missing path, a file and a path under a file apart', () => {
    const file = path.join(t.dir, 'bundle.zip');
    fs.writeFileSync(file, 'x');
    expect(folderKindOnDisk(t.dir)).toBe('directory');
    expect(folderKindOnDisk(path.join(t.dir, 'new'))).toBe('missing');
    expect(folderKindOnDisk(file)).toBe('not-a-directory');
    expect(folderKindOnDisk(path.join(file, 'inside'))).toBe('not-a-directory');
    expect(folderKindOnDisk(path.join(file, 'inside', 'deeper'))).toBe('not-a-directory');
    expect(folderKindOnDisk(path.join(t.dir, 'new', 'deeper'))).toBe('missing');
  });

  it('follows a symlink to a directory', () => {
    const link = path.join(t.dir, 'link');
    fs.mkdirSync(path.join(t.dir, 'real'));
    fs.symlinkSync(path.join(t.dir, 'real'), link);
    expect(folderKindOnDisk(link)).toBe('directory');
  });
});

describe('dialog.chooseFolder through the registry', () => {
  let t: { dir: string; cleanup(): void };
  let ctx: AppContext;
  beforeEach(() => {
    t = makeTempDir('papertape-folder-dialog-');
    ctx = createAppContext({ dataDir: t.dir });
  });
  afterEach(() => {
    ctx.close();
    t.cleanup();
  });

  const registry = () => createRegistry(ctx, handlers, { trustedOrigin: 'papertape://app' });

  it('answers REFUSED when no dialog provider is attached (CLI, tests)', async () => {
    const r = await registry().dispatch('dialog.chooseFolder', { purpose: 'evidence-export-folder' }, APP);
    expect(r).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(!r.ok && r.error.message).toMatch(/only in the desktop app/);
  });

  it('returns a real folder, a new one for export, a cancel, and refuses files, missing bundles and several folders', async () => {
    const file = path.join(t.dir, 'bundle.zip');
    fs.writeFileSync(file, 'x');
    const fresh = path.join(t.dir, 'fresh');
    const answers = [
      { canceled: false, filePaths: [`${t.dir}/`] },
      { canceled: false, filePaths: [fresh] },
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: [file] },
      { canceled: false, filePaths: [fresh] },
      { canceled: false, filePaths: [t.dir, fresh] },
      { canceled: false, filePaths: ['relative/folder'] },
    ];
    const titles: string[] = [];
    attachDialogProvider(ctx, {
      platform: 'linux',
      showOpen: async () => ({ canceled: true, filePaths: [] }),
      showSave: async () => ({ canceled: true }),
      showOpenFolder: async (opts) => (titles.push(opts.title), answers.shift()!),
    });
    const r = registry();
    const exportFolder = { purpose: 'evidence-export-folder' };
    const bundleFolder = { purpose: 'evidence-bundle-folder' };
    expect(await r.dispatch('dialog.chooseFolder', exportFolder, APP)).toEqual({
      ok: true,
      value: { canceled: false, path: t.dir, token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    expect(await r.dispatch('dialog.chooseFolder', exportFolder, APP)).toEqual({
      ok: true,
      value: { canceled: false, path: fresh, token: expect.stringMatching(/^grant-[0-9a-f]{32}$/) },
    });
    expect(await r.dispatch('dialog.chooseFolder', exportFolder, APP)).toEqual({ ok: true, value: { canceled: true, path: null } });
    const onFile = await r.dispatch('dialog.chooseFolder', exportFolder, APP);
    expect(onFile).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(!onFile.ok && onFile.error.message).toContain('why=not-a-directory');
    const missing = await r.dispatch('dialog.chooseFolder', bundleFolder, APP);
    expect(!missing.ok && missing.error.message).toContain('why=no-such-folder');
    const several = await r.dispatch('dialog.chooseFolder', bundleFolder, APP);
    expect(!several.ok && several.error.message).toContain('why=more-than-one-folder');
    const relative = await r.dispatch('dialog.chooseFolder', exportFolder, APP);
    expect(!relative.ok && relative.error.message).toContain('why=not-absolute');
    expect(titles.slice(0, 2)).toEqual(['Folder for the new evidence bundle', 'Folder for the new evidence bundle']);
    expect(titles[4]).toBe('Evidence bundle folder');
    expect(fs.existsSync(fresh)).toBe(false);
  });

  it('refuses a call from any other page', async () => {
    const r = await registry().dispatch('dialog.chooseFolder', { purpose: 'evidence-export-folder' }, { url: 'https://evil.example/' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });
});
