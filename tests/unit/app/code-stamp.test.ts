import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildId, codeStamp, codeVersion, gitHead, gitTreeState } from '../../../src-main/version';
import { makeTempDir } from '../../support/temp-dir';

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the code stamp recorded in logs and bundles', () => {
  it('is the version, the commit as build metadata, and the tree state', () => {
    const stamp = codeStamp();
    expect(stamp.startsWith(`${codeVersion()}+${buildId()}`)).toBe(true);
    expect(stamp).toMatch(/^\d+\.\d+\.\d+\+[0-9a-z]+(\.dirty|\.unknown-tree)?$/);
    expect(stamp).not.toBe(codeVersion());
  });

  it.skipIf(!hasGit)('tells a clean tree from one with a changed tracked file, and a folder without git', () => {
    const t = makeTempDir('pt-stamp-');
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: t.dir, stdio: 'ignore' });
      git('init', '-q');
      fs.writeFileSync(path.join(t.dir, 'a.txt'), 'one\n');
      git('add', 'a.txt');
      git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'one');
      expect(gitTreeState(t.dir)).toBe('clean');
      expect(gitHead(t.dir)).toMatch(/^[0-9a-f]{12}$/);
      fs.writeFileSync(path.join(t.dir, 'untracked.txt'), 'ignored\n');
      expect(gitTreeState(t.dir)).toBe('clean');
      fs.writeFileSync(path.join(t.dir, 'a.txt'), 'two\n');
      expect(gitTreeState(t.dir)).toBe('dirty');
    } finally {
      t.cleanup();
    }
    const bare = makeTempDir('pt-stamp-nogit-');
    try {
      expect(gitTreeState(bare.dir)).toBe('unknown');
    } finally {
      bare.cleanup();
    }
  });
});
