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

// audit_events as the store creates it: (name, position in the primary key, hidden/generated flag).
const EVENT_COLUMNS = [
  ['log', 1, 0],
  ['seq', 2, 0],
  ['canonical', 0, 0],
  ['prev_hash', 0, 0],
  ['event_hash', 0, 0],
] as const;

/**
 * Why a snapshot's schema is not one the export writes, or null. Verifiers call this before any
 * query on the data: a view (say, a recursive one named audit_events), a trigger, a virtual table or a
 * generated column would make reading run code the bundle chose. Reading sqlite_master runs none.
 */
export function snapshotSchemaProblem(db: Database.Database): string | null {
  const objects = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master LIMIT 65').all() as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  if (objects.length > 64) return 'more schema objects than a snapshot holds';
  const shown = (n: string) => JSON.stringify(n.length > 60 ? `${n.slice(0, 60)}...` : n);
  for (const o of objects) {
    if (o.type === 'table') {
      if (!KEEP_TABLES.has(o.name)) return `table ${shown(o.name)} is not one a snapshot holds`;
      if (!o.sql || !/^CREATE TABLE\s/i.test(o.sql)) return `table ${shown(o.name)} is not a plain table`;
    } else if (o.type === 'index') {
      if (o.sql !== null || !o.name.startsWith('sqlite_autoindex_') || !KEEP_TABLES.has(o.tbl_name))
        return `index ${shown(o.name)} is not one the export writes`;
    } else return `it holds a ${o.type} (${shown(o.name)}); a snapshot holds tables only`;
  }
  const columns = db.prepare("SELECT name, pk, hidden FROM pragma_table_xinfo('audit_events')").raw().all() as [string, number, number][];
  if (columns.length === 0) return 'there is no audit_events table';
  if (JSON.stringify(columns) !== JSON.stringify(EVENT_COLUMNS))
    return 'audit_events does not have the columns and primary key (log, seq) the store writes';
  return null;
}
