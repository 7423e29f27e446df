import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { snapshotSchemaProblem, writeSessionSnapshot } from '../../../src-main/services/evidence/session-snapshot';
import { openWorkstation, recordSession, tempDir, type Workstation } from './bundle-fixture';

let ws: Workstation | null = null;
afterEach(() => {
  ws?.close();
  ws = null;
});

describe('writeSessionSnapshot', () => {
  it("holds only the exported log's rows up to the signed size, in the store's own table definitions", () => {
    ws = openWorkstation();
    recordSession(ws.store, '20261216-001', 6);
    recordSession(ws.store, '20261216-002', 30);
    const log = sessionLogId('20261216-001');
    ws.store.checkpoint(log);
    const size = ws.store.size(log) - 2;
    const file = path.join(tempDir('pt-snap-'), 'session.sqlite');
    writeSessionSnapshot(ws.db, log, size, file);

    const snap = new Database(file, { readonly: true });
    try {
      expect(snapshotSchemaProblem(snap)).toBeNull();
      const tables = (name: Database.Database) =>
        name.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'audit_%' ORDER BY name").all();
      expect(tables(snap)).toEqual(
        (tables(ws.db) as { name: string }[]).filter((t) => ['audit_checkpoints', 'audit_events', 'audit_logs'].includes(t.name)),
      );
      expect(snap.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type IN ('trigger', 'view')").get()).toEqual({ n: 0 });
      expect(snap.prepare('SELECT DISTINCT log FROM audit_events').pluck().all()).toEqual([log]);
      expect(snap.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(size);
      expect(snap.prepare('SELECT log, size, frontier FROM audit_logs').all()).toEqual([{ log, size, frontier: '' }]);
      // The rows are the store's bytes, not re-encoded.
      const stored = ws.db.prepare('SELECT canonical, event_hash FROM audit_events WHERE log = ? AND seq < ? ORDER BY seq').all(log, size);
      expect(snap.prepare('SELECT canonical, event_hash FROM audit_events ORDER BY seq').all()).toEqual(stored);
      expect(snap.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      snap.close();
    }
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
  });
});
