import path from 'node:path';
import { fileSigningKeyStore, type SigningKeyStore } from '../services/signing-key/signing-key-store';
import { loadOrCreateWorkstationKey } from '../services/signing-key/workstation-key';
import { openAuditStore, type AuditStore } from './audit-log';
import type { Db } from './database';
import { witnessPathOf } from './registry-witness';

const ORIGIN_META_KEY = 'audit.origin';

export function keyDirOf(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

/**
 * The workstation's origin, fixed at first use: `papertape.local/ws-<first 16 hex of the key fingerprint>`.
 * Stored in workstation_meta so app, CLI and verification agree even if the naming rule changes.
 */
export function resolveAuditOrigin(db: Db, fingerprint: string): string {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM workstation_meta WHERE key = ?').get(ORIGIN_META_KEY);
  if (row) return row.value;
  const origin = `papertape.local/ws-${fingerprint.slice(0, 16)}`;
  if (!db.readonly) db.prepare('INSERT OR IGNORE INTO workstation_meta (key, value) VALUES (?, ?)').run(ORIGIN_META_KEY, origin);
  return origin;
}

/** The audit store of a data directory, with its key in `<dataDir>/keys` (or the given key store). */
export function openWorkstationAuditStore(db: Db, dataDir: string, clock: () => number, keyStore?: SigningKeyStore): AuditStore {
  const store = keyStore ?? fileSigningKeyStore(keyDirOf(dataDir));
  const key = loadOrCreateWorkstationKey(store);
  return openAuditStore(db, {
    keyDir: keyDirOf(dataDir),
    origin: resolveAuditOrigin(db, key.fingerprint),
    clock,
    keyStore: store,
    witnessFile: witnessPathOf(dataDir),
  });
}
