import fs from 'node:fs';
import path from 'node:path';

/**
 * A file naming the process that runs a session, so another process opening the same data directory
 * (a second terminal's `papertape sessions list`, the app) does not mistake a session that is running
 * elsewhere for one interrupted by a crash. A lease whose process is gone is stale: recovery proceeds.
 */
export function leaseFile(dataDir: string, sessionId: string): string {
  return path.join(dataDir, 'runs', `${sessionId}.lease`);
}

export function acquireRunLease(dataDir: string, sessionId: string): { release(): void } {
  const file = leaseFile(dataDir, sessionId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid }) + '\n');
  return {
    release() {
      fs.rmSync(file, { force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when another, still running process holds the session's lease (this process never counts). */
export function runningElsewhere(dataDir: string, sessionId: string): boolean {
  let pid: number;
  try {
    pid = (JSON.parse(fs.readFileSync(leaseFile(dataDir, sessionId), 'utf8')) as { pid: number }).pid;
  } catch {
    return false;
  }
  return Number.isInteger(pid) && pid !== process.pid && alive(pid);
}
