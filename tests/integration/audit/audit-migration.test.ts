import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../src-main/store/database';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { makeTempDir } from '../../support/temp-dir';

const tmp = makeTempDir('papertape-audit-migration-');
afterAll(() => tmp.cleanup());

const AUDIT_TABLES = ['audit_checkpoints', 'audit_events', 'audit_logs', 'audit_verification_runs', 'audit_verified'];
const AUDIT_TRIGGERS = [
  'audit_checkpoints_append_guard',
  'audit_checkpoints_no_delete',
  'audit_checkpoints_no_update',
  'audit_events_append_guard',
  'audit_events_no_delete',
  'audit_events_no_update',
];

describe('migration 2: the audit tables', () => {
  it('brings a version-1 file with data forward, keeping the data, with STRICT tables and the guards', () => {
    const file = path.join(tmp.dir, 'v1.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version === 1) });
    v1.prepare("INSERT INTO workstation_meta (key, value) VALUES ('k', 'v')").run();
    v1.close();
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    try {
      expect(schemaVersion(db)).toBe(2);
      expect(db.prepare("SELECT value FROM workstation_meta WHERE key = 'k'").pluck().get()).toBe('v');
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'audit_%' ORDER BY name").pluck().all();
      expect(tables).toEqual(AUDIT_TABLES);
      for (const t of AUDIT_TABLES) expect(db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck().get(t)).toBe(1);
      const triggers = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit_%' ORDER BY name")
        .pluck()
        .all();
      expect(triggers).toEqual(AUDIT_TRIGGERS);
      db.prepare("INSERT INTO audit_logs (log, kind, session_id) VALUES ('registry', 'registry', NULL)").run();
      // STRICT: a seq that is not an integer is refused rather than stored as text.
      expect(() => db.prepare("INSERT INTO audit_events VALUES ('registry', 'zero', '{}', ?, 'x')").run('0'.repeat(64))).toThrow(
        /cannot store TEXT/,
      );
      expect(() => db.prepare("INSERT INTO audit_logs (log, kind, session_id) VALUES ('session/a', 'session', 'b')").run()).toThrow(
        /CHECK/,
      );
    } finally {
      db.close();
    }
  });

  it('creates the audit tables on an empty file at the latest version', () => {
    const db = openDatabase(path.join(tmp.dir, 'new.db'));
    try {
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(2);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE 'audit_%'").pluck().get()).toBe(
        AUDIT_TABLES.length,
      );
    } finally {
      db.close();
    }
  });
});
