import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_NAME, DATA_DIR_ENV } from '../../src-shared/app-identity';
import { ServiceError } from '../../src-shared/envelope';

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/**
 * The per-user app data folder Electron's `app.getPath('userData')` gives for an app named
 * Papertape, computed without Electron so the CLI lands in the very same folder.
 */
export function defaultDataDir({ platform, env, homedir }: PlatformEnv): string {
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', APP_NAME);
  const config = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.posix.join(homedir, '.config');
  return path.posix.join(config, APP_NAME);
}

/** Precedence: an explicit `--data-dir`, then PAPERTAPE_DATA_DIR, then the OS default. */
export function resolveDataDir(flag: string | undefined, pe: PlatformEnv = currentPlatformEnv()): string {
  const chosen = flag?.trim() || pe.env[DATA_DIR_ENV]?.trim();
  return chosen ? path.resolve(chosen) : defaultDataDir(pe);
}

export function currentPlatformEnv(): PlatformEnv {
  return { platform: process.platform, env: process.env, homedir: os.homedir() };
}

/** Creates the folder on first use and proves it writable, or says exactly what is wrong. */
export function ensureDataDir(dir: string): string {
  try {
    mkdirEachLevel(dir);
  } catch (err) {
    throw new ServiceError('IO_ERROR', `Data directory ${dir} cannot be created: ${describeFsError(err)}`);
  }
  if (!fs.statSync(dir).isDirectory()) {
    throw new ServiceError('IO_ERROR', `Data directory ${dir} exists but is not a folder.`);
  }
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
  } catch (err) {
    throw new ServiceError(
      'IO_ERROR',
      `Data directory ${dir} is not writable: ${describeFsError(err)}. Choose another with --data-dir or ${DATA_DIR_ENV}.`,
    );
  }
  return dir;
}

/**
 * `mkdirSync(..., { recursive: true })` can spin forever on pseudo file systems such as /proc;
 * creating one level at a time from the nearest existing ancestor fails fast instead.
 */
function mkdirEachLevel(dir: string): void {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  while (!fs.existsSync(cur)) {
    missing.unshift(cur);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  for (const level of missing) fs.mkdirSync(level);
}

export function describeFsError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    const known: Record<string, string> = {
      EACCES: 'permission denied (EACCES)',
      EPERM: 'operation not permitted (EPERM)',
      EROFS: 'read-only file system (EROFS)',
      ENOSPC: 'no space left on device (ENOSPC)',
      ENOTDIR: 'a parent path is a file, not a folder (ENOTDIR)',
      EEXIST: 'a file is in the way (EEXIST)',
    };
    return known[code] ?? code;
  }
  return err instanceof Error ? err.message : String(err);
}
