import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../../store/database';

const KEEP_TABLES = ['audit_logs', 'audit_events', 'audit_checkpoints'] as const;
const KEPT: ReadonlySet<string> = new Set(KEEP_TABLES);

/**
 * A new SQLite file holding one log of the workstation database: its events (up to the signed size),
 * its checkpoints and its log row, in the three tables exactly as the store declares them and nothing
 * else (no triggers, views or other indexes: verifiers refuse any other schema). Only that log's rows
 * are read, so exporting a small session from a large store costs the session, not the store. The file
 * is built beside its final name and renamed into place only when whole; it stays in rollback-journal
 * mode, so opening it read-only leaves no -wal or -shm beside it.
 */
export function writeSessionSnapshot(db: Db, log: string, size: number, outFile: string): void {
  const tmp = `${outFile}.tmp`;
  fs.rmSync(tmp, { force: true });
  const tables = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN (${KEEP_TABLES.map(() => '?').join(', ')})`)
    .all(...KEEP_TABLES) as { name: string; sql: string }[];
  if (tables.length !== KEEP_TABLES.length) throw new Error(`the store lacks one of ${KEEP_TABLES.join(', ')}`);
  const copy = new Database(tmp);
  try {
    // A half-built file is deleted, never used: no journal is needed while it is written.
    copy.pragma('journal_mode = OFF');
    copy.pragma('synchronous = OFF');
    copy.prepare('ATTACH DATABASE ? AS src').run(db.name);
    copy.transaction(() => {
      for (const t of tables) copy.exec(t.sql);
      copy.prepare('INSERT INTO main.audit_logs SELECT * FROM src.audit_logs WHERE log = ?').run(log);
      copy.prepare('UPDATE main.audit_logs SET size = ?, frontier = ? WHERE log = ?').run(size, '', log);
      copy.prepare('INSERT INTO main.audit_events SELECT * FROM src.audit_events WHERE log = ? AND seq < ? ORDER BY seq').run(log, size);
      copy.prepare('INSERT INTO main.audit_checkpoints SELECT * FROM src.audit_checkpoints WHERE log = ? AND size <= ?').run(log, size);
    })();
    copy.exec('DETACH DATABASE src');
  } catch (err) {
    copy.close();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  copy.close();
  const fd = fs.openSync(tmp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
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
      if (!KEPT.has(o.name)) return `table ${shown(o.name)} is not one a snapshot holds`;
      if (!o.sql || !/^CREATE TABLE\s/i.test(o.sql)) return `table ${shown(o.name)} is not a plain table`;
    } else if (o.type === 'index') {
      if (o.sql !== null || !o.name.startsWith('sqlite_autoindex_') || !KEPT.has(o.tbl_name))
        return `index ${shown(o.name)} is not one the export writes`;
    } else return `it holds a ${o.type} (${shown(o.name)}); a snapshot holds tables only`;
  }
  const columns = db.prepare("SELECT name, pk, hidden FROM pragma_table_xinfo('audit_events')").raw().all() as [string, number, number][];
  if (columns.length === 0) return 'there is no audit_events table';
  if (JSON.stringify(columns) !== JSON.stringify(EVENT_COLUMNS))
    return 'audit_events does not have the columns and primary key (log, seq) the store writes';
  return null;
}
