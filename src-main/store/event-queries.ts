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
