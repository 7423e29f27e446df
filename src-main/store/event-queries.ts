import Database from 'better-sqlite3';
import { ServiceError } from '../../src-shared/envelope';
import type { StoredEvent } from './audit-log';
import type { Db } from './database';

export interface EventPageQuery {
  log: string;
  /** Only events whose `type` starts with this; empty or absent takes every type. */
  typePrefix?: string;
  /** Exclusive lower bound on seq; absent starts at the first event. */
  afterSeq?: number;
  limit: number;
}

/**
 * One page of a log's events, filtered by type prefix inside SQLite so a view that wants the
 * fills of a long session does not parse every quote-driven event in Node. Read-only: it only
 * ever SELECTs, so it runs beside a writer under WAL.
 */
export function readEventPage(db: Db, q: EventPageQuery): StoredEvent[] {
  const prefix = q.typePrefix ?? '';
  const after = q.afterSeq ?? -1;
  // substr, not LIKE: `_` is a LIKE wildcard and type names contain it.
  const rows = db
    .prepare<[string, number, string, number, string, number], { seq: number; canonical: string; event_hash: string }>(
      `SELECT seq, canonical, event_hash FROM audit_events
       WHERE log = ? AND seq > ? AND (length(?) = 0 OR substr(json_extract(canonical, '$.type'), 1, ?) = ?)
       ORDER BY seq LIMIT ?`,
    )
    .all(q.log, after, prefix, prefix.length, prefix, q.limit);
  return rows.map((r) => ({ seq: r.seq, canonical: r.canonical, eventHash: r.event_hash }));
}

export interface StoredRow extends StoredEvent {
  /** The prev_hash column (a copy the insert guard checks; verification reads the one inside the text). */
  prevHashColumn: string;
}

/** The stored rows of a log with seq in [fromSeq, toSeq], as they are: nothing parsed, nothing checked. */
export function readStoredRows(db: Db, log: string, fromSeq: number, toSeq: number): StoredRow[] {
  const rows = db
    .prepare<[string, number, number], { seq: number; canonical: string; event_hash: string; prev_hash: string }>(
      'SELECT seq, canonical, event_hash, prev_hash FROM audit_events WHERE log = ? AND seq >= ? AND seq <= ? ORDER BY seq',
    )
    .all(log, fromSeq, toSeq);
  return rows.map((r) => ({ seq: r.seq, canonical: r.canonical, eventHash: r.event_hash, prevHashColumn: r.prev_hash }));
}

/** The size a log's row records (audit_logs.size), or null when the store has no such log. */
export function recordedLogSize(db: Db, log: string): number | null {
  const row = db.prepare<[string], { size: number }>('SELECT size FROM audit_logs WHERE log = ?').get(log);
  return row ? row.size : null;
}

/**
 * Runs `fn` on a connection SQLite itself opened read-only, closed afterwards: a view that shows a
 * tampered store must not be able to change it, whatever the code it calls. Migrations and quick_check
 * are the writer's business (openDatabase); this one only ever SELECTs beside it under WAL.
 */
export function withReadOnlyDb<T>(file: string, fn: (db: Db) => T): T {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new ServiceError('IO_ERROR', `Cannot open database ${file} read-only: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}
