import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireRunLease, leaseFile, runningElsewhere } from '../../../src-main/services/session-execution/run-lease';
import { makeTempDir } from '../../support/temp-dir';

const CHILD = path.join(import.meta.dirname, 'lease-holder-child.ts');
const children: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const c of cleanups.splice(0)) c();
});

function tempData(): string {
  const t = makeTempDir('papertape-lease-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** A process that is alive and holds nothing: what a reused PID looks like. */
function bystander(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}

describe('the run lease is a lock held by the running process', () => {
  it('another process holding it is running elsewhere; after SIGKILL it is not, at once', async () => {
    const dataDir = tempData();
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, dataDir, 's1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
      child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    expect(runningElsewhere(dataDir, 's1')).toBe(true);
    // Still held after the child's collector has run a few more times.
    await new Promise((r) => setTimeout(r, 300));
    expect(runningElsewhere(dataDir, 's1')).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    expect(runningElsewhere(dataDir, 's1')).toBe(false);
    // The dead holder's lease is taken over by the next run.
    const lease = acquireRunLease(dataDir, 's1');
    expect(runningElsewhere(dataDir, 's1')).toBe(false); // this process never counts
    lease.release();
    expect(fs.existsSync(leaseFile(dataDir, 's1'))).toBe(false);
  });

  it('a PID reused by a running process that holds no lock does not keep a dead session running', () => {
    const dataDir = tempData();
    const other = bystander();
    const file = leaseFile(dataDir, 's2');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // What a SIGKILLed holder leaves: the lease file and its PID, now someone else's.
    const db = new Database(file);
    db.exec('CREATE TABLE lease (session_id TEXT NOT NULL)');
    db.close();
    fs.writeFileSync(`${file}.pid`, `${other.pid}\n`);
    expect(runningElsewhere(dataDir, 's2')).toBe(false);
    // The lease format of older builds: a JSON PID alone proves nothing either.
    fs.writeFileSync(file, JSON.stringify({ pid: other.pid }) + '\n');
    fs.rmSync(`${file}.pid`);
    expect(runningElsewhere(dataDir, 's2')).toBe(false);
  });
});
