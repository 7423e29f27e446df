import type Database from 'better-sqlite3';
import { GENESIS_PREV_HASH } from '../../src-shared/audit/audit-envelope';

/**
 * Migration 2: the audit log tables. Events of every log share one table keyed (log, seq), stored
 * clustered (WITHOUT ROWID) so a log reads back in seq order from one b-tree range. The canonical
 * text is the record; prev_hash and event_hash are copies for the guards and for fast tip lookups.
 * Triggers stop accidents, not attackers: the hashes and the signed checkpoints are the proof.
 */
export function createAuditTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE audit_logs (
      log TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('registry', 'session')),
      session_id TEXT,
      -- Cache of the Merkle frontier after 'size' events, updated in each append's transaction;
      -- verification never trusts it.
      size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),
      frontier TEXT NOT NULL DEFAULT '',
      CHECK ((kind = 'registry') = (session_id IS NULL)),
      CHECK (kind = 'registry' OR log = 'session/' || session_id)
    ) STRICT;

    CREATE TABLE audit_events (
      log TEXT NOT NULL REFERENCES audit_logs (log),
      seq INTEGER NOT NULL CHECK (seq >= 0),
      canonical TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      event_hash TEXT NOT NULL,
      PRIMARY KEY (log, seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END;

    CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END;

    -- INSERT OR REPLACE deletes the old row without firing the delete trigger, so the insert guard
    -- refuses any seq but the next one and any prev_hash but the tip.
    CREATE TRIGGER audit_events_append_guard BEFORE INSERT ON audit_events
    BEGIN
      SELECT RAISE(ABORT, 'audit_events: seq must be the next one of its log')
      WHERE NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_events WHERE log = NEW.log), -1) + 1;
      SELECT RAISE(ABORT, 'audit_events: prev_hash must be the hash of the tip of its log')
      WHERE NEW.prev_hash IS NOT COALESCE(
        (SELECT event_hash FROM audit_events WHERE log = NEW.log ORDER BY seq DESC LIMIT 1),
        '${GENESIS_PREV_HASH}');
    END;

    CREATE TABLE audit_checkpoints (
      log TEXT NOT NULL REFERENCES audit_logs (log),
      size INTEGER NOT NULL CHECK (size >= 0),
      root TEXT NOT NULL,
      note TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      PRIMARY KEY (log, size)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
    BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE refused'); END;

    CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
    BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE refused'); END;

    CREATE TRIGGER audit_checkpoints_append_guard BEFORE INSERT ON audit_checkpoints
    BEGIN
      SELECT RAISE(ABORT, 'audit_checkpoints: a checkpoint must be larger than the previous one of its log')
      WHERE NEW.size <= COALESCE((SELECT MAX(size) FROM audit_checkpoints WHERE log = NEW.log), -1);
    END;

    -- What verification last established per log, so the next open only reads the new tail.
    CREATE TABLE audit_verified (
      log TEXT PRIMARY KEY REFERENCES audit_logs (log),
      size INTEGER NOT NULL,
      tip_hash TEXT NOT NULL,
      frontier TEXT NOT NULL,
      verified_at TEXT NOT NULL
    ) STRICT;

    -- One row per verification run; app.health shows the latest.
    CREATE TABLE audit_verification_runs (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
      ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
      logs INTEGER NOT NULL,
      events_checked INTEGER NOT NULL,
      failed_check TEXT,
      failed_log TEXT,
      failed_seq INTEGER,
      detail TEXT
    ) STRICT;
  `);
}
