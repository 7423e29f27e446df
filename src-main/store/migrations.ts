import type Database from 'better-sqlite3';
import { createAuditTables } from './audit-schema';
import { addIncidentResolution, addSessionTags, createGovernanceTables } from './governance-schema';
import { createKeyHistoryTable } from './signing-key/key-history';

/**
 * Forward-only, numbered migrations. Never edit one that has shipped: add the next number.
 * Each runs in its own transaction together with the bump of `user_version`.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workstation metadata',
    up(db) {
      db.exec(`CREATE TABLE workstation_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;`);
    },
  },
  { version: 2, name: 'audit log: events, checkpoints, verification state', up: createAuditTables },
  { version: 3, name: 'session registry and governance projections', up: createGovernanceTables },
  { version: 4, name: 'incident resolution (who, why, when)', up: addIncidentResolution },
  { version: 5, name: 'signing key history', up: createKeyHistoryTable },
  { version: 6, name: 'session tags (promotion evidence, ignored)', up: addSessionTags },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
