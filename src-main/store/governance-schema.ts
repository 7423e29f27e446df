import type Database from 'better-sqlite3';

/** Every governance table holds the columns its projection rebuilds from the logs; the logs are the record. */
export const GOVERNANCE_TABLES = [
  'gov_sessions',
  'gov_lanes',
  'gov_approvals',
  'gov_promotions',
  'gov_operator_actions',
  'gov_incidents',
] as const;

/**
 * Migration 3: projections of the registry and session logs. They can be dropped and rebuilt from
 * the logs at any time (see rebuildGovernanceProjections), so they carry no hashes of their own.
 */
export function createGovernanceTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE gov_sessions (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      day_no INTEGER NOT NULL,
      lane TEXT NOT NULL,
      owner TEXT NOT NULL,
      spec_hash TEXT NOT NULL,
      spec_json TEXT NOT NULL,
      strategy_id TEXT,
      data_fingerprints_json TEXT NOT NULL,
      code_version TEXT NOT NULL,
      requires_approval INTEGER NOT NULL,
      status TEXT NOT NULL,
      status_reason TEXT,
      halted INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      started_at TEXT,
      paused_at TEXT,
      ended_at TEXT,
      updated_at TEXT NOT NULL,
      metrics_json TEXT,
      UNIQUE (day, day_no)
    ) STRICT;
    CREATE INDEX gov_sessions_lane ON gov_sessions (lane, status);
    CREATE INDEX gov_sessions_strategy ON gov_sessions (strategy_id);

    CREATE TABLE gov_lanes (
      lane TEXT PRIMARY KEY,
      config_json TEXT NOT NULL,
      configured_by TEXT NOT NULL,
      configured_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE gov_approvals (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      status TEXT NOT NULL,
      intent_json TEXT NOT NULL,
      decisions_json TEXT NOT NULL,
      queued_at TEXT NOT NULL,
      ord INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX gov_approvals_session ON gov_approvals (session_id, status);

    CREATE TABLE gov_promotions (
      id TEXT PRIMARY KEY,
      strategy_id TEXT NOT NULL,
      from_lane TEXT NOT NULL,
      to_lane TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      reason TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      evaluation_json TEXT NOT NULL,
      status TEXT NOT NULL,
      decision_json TEXT
    ) STRICT;

    CREATE TABLE gov_operator_actions (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      operator TEXT NOT NULL,
      reason TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      ts TEXT NOT NULL,
      delivered INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE gov_incidents (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      detail TEXT NOT NULL,
      status TEXT NOT NULL,
      opened_at TEXT NOT NULL
    ) STRICT;
  `);
}

/** Migration 6: a session's tag (promotion evidence or ignored), projected from `session.tagged` (null when untagged). */
export function addSessionTags(db: Database.Database): void {
  db.exec(`
    ALTER TABLE gov_sessions ADD COLUMN tag TEXT CHECK (tag IS NULL OR tag IN ('promotion_evidence', 'ignored'));
    ALTER TABLE gov_sessions ADD COLUMN tag_reason TEXT;
    ALTER TABLE gov_sessions ADD COLUMN tagged_by TEXT;
    ALTER TABLE gov_sessions ADD COLUMN tagged_at TEXT;
  `);
}

/** Migration 4: an incident's resolution, projected from `incident.resolved` (null while open). */
export function addIncidentResolution(db: Database.Database): void {
  db.exec(`
    ALTER TABLE gov_incidents ADD COLUMN resolved_by TEXT;
    ALTER TABLE gov_incidents ADD COLUMN resolved_reason TEXT;
    ALTER TABLE gov_incidents ADD COLUMN resolved_at TEXT;
  `);
}
