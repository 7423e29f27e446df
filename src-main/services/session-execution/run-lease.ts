import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { hasSqliteHeader } from '../../store/database';

/**
 * Marks the process that runs a session, so another process opening the same data directory (a
 * second terminal's `papertape sessions list`, the app) does not mistake a session running elsewhere
 * for one interrupted by a crash.
 *
 * The lease is a lock, not a PID: the holder keeps an exclusive SQLite transaction open on a small
 * lease file for as long as it runs. The OS drops that lock the moment the process dies (POSIX
 * advisory locks, Windows LockFileEx), however it dies, so a PID reused after a SIGKILL cannot keep a
 * dead session "running". The PID beside it only tells this process its own leases apart.
 */
export function leaseFile(dataDir: string, sessionId: string): string {
  return path.join(dataDir, 'runs', `${sessionId}.lease`);
}

function pidFile(dataDir: string, sessionId: string): string {
  return `${leaseFile(dataDir, sessionId)}.pid`;
}

/**
 * The open lease connections. A connection that becomes unreachable is closed by the garbage
 * collector, and its lock with it, so a holder that dropped the returned handle would silently lose
 * its lease; keeping every one here until release makes the lease last exactly as long as asked.
 */
const held = new Map<string, Database.Database>();

export function acquireRunLease(dataDir: string, sessionId: string): { release(): void } {
  const file = leaseFile(dataDir, sessionId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A lease file of an older build (JSON with a PID) or of a dead holder is simply taken over.
  if (fs.existsSync(file) && !hasSqliteHeader(file)) fs.rmSync(file, { force: true });
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE IF NOT EXISTS lease (session_id TEXT NOT NULL)');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    throw err;
  }
  held.set(file, db);
  fs.writeFileSync(pidFile(dataDir, sessionId), `${process.pid}\n`);
  return {
    release() {
      held.delete(file);
      if (db.open) {
        if (db.inTransaction) db.exec('ROLLBACK');
        db.close();
      }
      fs.rmSync(file, { force: true });
      fs.rmSync(pidFile(dataDir, sessionId), { force: true });
    },
  };
}

/** True when another running process holds the session's lease lock (this process never counts). */
export function runningElsewhere(dataDir: string, sessionId: string): boolean {
  const file = leaseFile(dataDir, sessionId);
  if (!fs.existsSync(file) || !hasSqliteHeader(file)) return false;
  try {
    if (Number(fs.readFileSync(pidFile(dataDir, sessionId), 'utf8').trim()) === process.pid) return false;
  } catch {
    // No PID file: judge by the lock alone.
  }
  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { fileMustExist: true, timeout: 0 });
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED';
  } finally {
    probe?.close();
  }
}
