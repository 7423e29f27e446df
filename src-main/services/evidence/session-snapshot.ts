import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../../store/database';

const KEEP_TABLES = new Set(['audit_logs', 'audit_events', 'audit_checkpoints']);

/**
 * A `VACUUM INTO` copy of the workstation database cut down to one log: its events (up to the
 * signed size), its checkpoints, its log row. The copy never shares a page with the original and
 * ends in rollback-journal mode so opening it read-only leaves no -wal or -shm beside it.
 */
export function writeSessionSnapshot(db: Db, log: string, size: number, outFile: string): void {
  const tmp = `${outFile}.tmp`;
  fs.rmSync(tmp, { force: true });
  db.prepare('VACUUM INTO ?').run(tmp);
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
    const objects = copy
      .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'trigger', 'view') AND name NOT LIKE 'sqlite_%'")
      .all() as {
      type: string;
      name: string;
    }[];
    const quote = (n: string) => `"${n.replace(/"/g, '""')}"`;
    // The append-only triggers guard the workstation; in a copy they only stop the cut.
    for (const o of objects) if (o.type === 'trigger' || o.type === 'view') copy.exec(`DROP ${o.type.toUpperCase()} ${quote(o.name)}`);
    for (const o of objects) if (o.type === 'table' && !KEEP_TABLES.has(o.name)) copy.exec(`DROP TABLE ${quote(o.name)}`);
    copy.transaction(() => {
      copy.prepare('DELETE FROM audit_events WHERE log <> ? OR seq >= ?').run(log, size);
      copy.prepare('DELETE FROM audit_checkpoints WHERE log <> ? OR size > ?').run(log, size);
      copy.prepare('DELETE FROM audit_logs WHERE log <> ?').run(log);
      copy.prepare('UPDATE audit_logs SET size = ?, frontier = ? WHERE log = ?').run(size, '', log);
    })();
    copy.exec('VACUUM');
  } finally {
    copy.close();
  }
  fs.renameSync(tmp, outFile);
}
