import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __PAPERTAPE_VERSION__: string | undefined;
declare const __PAPERTAPE_BUILD_ID__: string | undefined;
declare const __PAPERTAPE_TREE__: TreeState | undefined;

/** Whether the build (or, under plain Node, the checkout) had uncommitted changes to tracked files. */
export type TreeState = 'clean' | 'dirty' | 'unknown';

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

let tree: TreeState | undefined;

export function treeState(): TreeState {
  if (typeof __PAPERTAPE_TREE__ === 'string') return __PAPERTAPE_TREE__;
  tree ??= gitTreeState(repoRoot());
  return tree;
}

/**
 * What logs and bundles record as the code that produced them: the version, the commit as SemVer
 * build metadata, and `.dirty` when tracked files differed from it (`.unknown-tree` when that could
 * not be told). "0.1.0" alone said nothing about which build wrote an event.
 */
export function codeStamp(): string {
  const t = treeState();
  return `${codeVersion()}+${buildId()}${t === 'clean' ? '' : t === 'dirty' ? '.dirty' : '.unknown-tree'}`;
}

/** `git status` of tracked files (build time, or a run from a checkout); unknown without git. */
export function gitTreeState(root: string): TreeState {
  try {
    const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return out.trim() === '' ? 'clean' : 'dirty';
  } catch {
    return 'unknown';
  }
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
