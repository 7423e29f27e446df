import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __PAPERTAPE_VERSION__: string | undefined;
declare const __PAPERTAPE_BUILD_ID__: string | undefined;

/** The build stamps these in (electron-vite `define`); under plain Node they are read from the checkout. */
export function codeVersion(): string {
  if (typeof __PAPERTAPE_VERSION__ === 'string') return __PAPERTAPE_VERSION__;
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildId(): string {
  if (typeof __PAPERTAPE_BUILD_ID__ === 'string') return __PAPERTAPE_BUILD_ID__;
  return gitHead(repoRoot()) ?? 'dev';
}

export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Reads the commit from .git without spawning git, so it works where git is not installed. */
export function gitHead(root: string): string | null {
  try {
    const gitDir = path.join(root, '.git');
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const ref = head.slice(5);
    const loose = path.join(gitDir, ref);
    if (fs.existsSync(loose)) return fs.readFileSync(loose, 'utf8').trim().slice(0, 12);
    const packed = fs.readFileSync(path.join(gitDir, 'packed-refs'), 'utf8');
    const line = packed.split('\n').find((l) => l.endsWith(' ' + ref));
    return line ? line.slice(0, 12) : null;
  } catch {
    return null;
  }
}
