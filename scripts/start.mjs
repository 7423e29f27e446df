#!/usr/bin/env node
// `npm start`: build and launch the desktop app, or explain plainly why it cannot launch here.
import { spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const electronBinary = findElectronBinary();
if (!electronBinary) {
  console.error(
    [
      'Papertape: the Electron binary is not installed on this machine, so the desktop app cannot open.',
      '(It was probably installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or without network access.)',
      '',
      'Everything the app does is also available headless, with the same services and data directory:',
      '  npx papertape doctor     check Node, SQLite, the data directory and Chromium',
      '  npx papertape --help     list every command',
      '',
      'To get the desktop app, reinstall Electron where its download is reachable: npm rebuild electron',
    ].join('\n'),
  );
  process.exit(1);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const run = spawnSync(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
