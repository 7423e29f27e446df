import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir, ensureDataDir, resolveDataDir } from '../../../src-main/services/data-dir';
import { makeTempDir } from '../../support/temp-dir';

describe('data directory', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('matches Electron userData for an app named Papertape on each OS', () => {
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, homedir: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Papertape',
    );
    expect(defaultDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Papertape');
    expect(defaultDataDir({ platform: 'linux', env: {}, homedir: '/home/ana' })).toBe('/home/ana/.config/Papertape');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/ana' })).toBe('/xdg/Papertape');
    expect(defaultDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, homedir: '/home/ana' })).toBe(
      '/home/ana/.config/Papertape',
    );
  });

  it('prefers --data-dir, then PAPERTAPE_DATA_DIR, then the default', () => {
    const pe = { platform: 'linux' as const, env: { PAPERTAPE_DATA_DIR: '/env/dir' }, homedir: '/home/ana' };
    expect(resolveDataDir('/flag/dir', pe)).toBe('/flag/dir');
    expect(resolveDataDir(undefined, pe)).toBe('/env/dir');
    expect(resolveDataDir('  ', pe)).toBe('/env/dir');
    expect(resolveDataDir(undefined, { ...pe, env: {} })).toBe('/home/ana/.config/Papertape');
  });

  it('creates the folder on first use', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const target = path.join(dir, 'a', 'b', 'Papertape');
    expect(ensureDataDir(target)).toBe(target);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('reports a path that is a file, or cannot be created, clearly', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, 'x');
    expect(() => ensureDataDir(file)).toThrow(/is not a folder/);
    expect(() => ensureDataDir(path.join(file, 'sub'))).toThrow(/cannot be created: a parent path is a file/);
  });

  it.skipIf(process.getuid?.() === 0)('reports a read-only folder as not writable', () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    fs.chmodSync(dir, 0o500);
    try {
      expect(() => ensureDataDir(dir)).toThrow(/is not writable: permission denied/);
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });
});
