import path from 'node:path';
import { ServiceError } from '../../src-shared/envelope';
import { fileSigningKeyStore, type SigningKeyStore } from './signing-key/signing-key-store';
import { loadOrCreateWorkstationKey, type WorkstationKey } from './signing-key/workstation-key';
import { openAuditStore, type AuditStore } from './audit-log';
import type { Db } from './database';
import { witnessPathOf } from './registry-witness';

const ORIGIN_META_KEY = 'audit.origin';
const ORIGIN_PREFIX = 'papertape.local/ws-';

function originOf(fingerprint: string): string {
  return `${ORIGIN_PREFIX}${fingerprint.slice(0, 16)}`;
}

export function keyDirOf(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

/**
 * The workstation's origin, fixed at first use: `papertape.local/ws-<first 16 hex of the key fingerprint>`.
 * Stored in workstation_meta so app, CLI and verification agree even if the naming rule changes.
 */
export function resolveAuditOrigin(db: Db, fingerprint: string): string {
  const stored = storedOrigin(db);
  if (stored !== null) return stored;
  const origin = originOf(fingerprint);
  if (!db.readonly) db.prepare('INSERT OR IGNORE INTO workstation_meta (key, value) VALUES (?, ?)').run(ORIGIN_META_KEY, origin);
  return origin;
}

/** The origin fixed at first use, or null on a workstation that has not signed anything yet. */
export function storedOrigin(db: Db): string | null {
  return db.prepare<[string], { value: string }>('SELECT value FROM workstation_meta WHERE key = ?').get(ORIGIN_META_KEY)?.value ?? null;
}

/**
 * The key is created once, with the workstation's origin. Afterwards a missing key is an error and
 * never silently replaced: a new key would sign new checkpoints under an origin that names the old
 * one, and every earlier checkpoint would stop verifying.
 */
export function workstationKeyFor(db: Db, store: SigningKeyStore): WorkstationKey {
  const origin = storedOrigin(db);
  if (origin !== null && store.load() === null) {
    throw new ServiceError(
      'REFUSED',
      `KEY_MISSING: the workstation signing key is gone from ${store.describe()}, but this store was signed with it (origin ${origin}). ` +
        'Restore the key file from a backup; a new key cannot continue these logs. For new work without it, use another data directory (--data-dir).',
    );
  }
  const key = loadOrCreateWorkstationKey(store);
  if (origin !== null && origin.startsWith(ORIGIN_PREFIX) && origin !== originOf(key.fingerprint)) {
    throw new ServiceError(
      'REFUSED',
      `KEY_MISMATCH: the key at ${store.describe()} (fingerprint ${key.fingerprint.slice(0, 16)}) is not the one this store was signed with (origin ${origin}). Restore the original key file.`,
    );
  }
  return key;
}

/** The audit store of a data directory, with its key in `<dataDir>/keys` (or the given key store). */
export function openWorkstationAuditStore(db: Db, dataDir: string, clock: () => number, keyStore?: SigningKeyStore): AuditStore {
  const store = keyStore ?? fileSigningKeyStore(keyDirOf(dataDir));
  const key = workstationKeyFor(db, store);
  return openAuditStore(db, {
    keyDir: keyDirOf(dataDir),
    origin: resolveAuditOrigin(db, key.fingerprint),
    clock,
    keyStore: store,
    witnessFile: witnessPathOf(dataDir),
  });
}
