// Finds the Electron executable WITHOUT require('electron'): since Electron 45 that require
// starts a download when the binary is missing, and Papertape never touches the network.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {string | null} the executable's path, or null when it is not installed */
export function findElectronBinary(env = process.env) {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const candidate = path.join(distDir, relative || 'electron');
  return relative && fs.existsSync(candidate) ? candidate : null;
}
