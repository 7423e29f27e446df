import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { ServiceError } from '../../src-shared/envelope';
import { fileSigningKeyStore, type SigningKeyStore } from './signing-key/signing-key-store';
import { loadOrCreateWorkstationKey, workstationKeyFromPem, type WorkstationKey } from './signing-key/workstation-key';
import { keyHistory, keyHistoryProblem, registryKeyRecords, verifyingKeysOf, type RecordedKey } from './signing-key/key-history';
import { openAuditStore, type AuditStore } from './audit-log';
import type { Db } from './database';
import { witnessPathOf } from './registry-witness';
import { originNamesKey, originOf } from './signing-key/workstation-origin';

const ORIGIN_META_KEY = 'audit.origin';

export function keyDirOf(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

/**
 * The workstation's origin, fixed at first use: `papertape.local/ws-<first 16 hex of the first key's fingerprint>`.
 * Stored in workstation_meta so app, CLI and verification agree even if the naming rule changes; a
 * replaced key keeps it, since every log's checkpoint origin is derived from it.
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
 * The key is created once, with the workstation's origin (a new data directory). Afterwards a
 * missing key is an error and never silently replaced: a new key would sign new checkpoints under
 * an origin that names the old one. Only `papertape key replace` makes a new key for a store that
 * has signed, and it records the replacement (workstation_keys and the registry log).
 */
export function workstationKeyFor(db: Db, store: SigningKeyStore): WorkstationKey {
  const origin = storedOrigin(db);
  const history = keyHistory(db);
  const current = history.at(-1);
  if (origin !== null && store.load() === null) {
    throw new ServiceError(
      'REFUSED',
      `KEY_MISSING: the workstation signing key is gone from ${store.describe()}, but this store was signed with it (origin ${origin}` +
        `${current ? `, key ${current.fingerprint.slice(0, 16)}` : ''}). Restore the key file from a backup. ` +
        (current
          ? 'If it is lost for good, `papertape key replace --reason "..."` makes a new key and records the replacement; what the old key signed still verifies with its recorded public key. '
          : '') +
        'For new work without it, use another data directory (--data-dir).',
    );
  }
  const key = loadOrCreateWorkstationKey(store);
  if (current && current.fingerprint !== key.fingerprint) {
    const known = history.some((r) => r.fingerprint === key.fingerprint);
    throw new ServiceError(
      'REFUSED',
      `KEY_MISMATCH: the key at ${store.describe()} (fingerprint ${key.fingerprint.slice(0, 16)}) is ${known ? 'a replaced key of this store' : 'not one this store recorded'}; ` +
        `the store signs with key ${current.ordinal} (fingerprint ${current.fingerprint.slice(0, 16)}). Restore that key file` +
        (known
          ? '.'
          : ', or, if that key is lost and a `papertape key replace` stopped before recording this one, run it again to record it.'),
    );
  }
  if (!current && origin !== null && !originNamesKey(origin, key.fingerprint)) {
    throw new ServiceError(
      'REFUSED',
      `KEY_MISMATCH: the key at ${store.describe()} (fingerprint ${key.fingerprint.slice(0, 16)}) is not the one this store was signed with (origin ${origin}). Restore the original key file.`,
    );
  }
  return key;
}

/**
 * A new key for a store whose key is lost. The private key is written to the key store first; the
 * caller records it (history row and registry event) in one transaction. A replacement that stopped
 * between the two left a key no record names: running the command again records that key (`adopted`)
 * instead of refusing, so the store is never stranded without a usable key.
 */
export function newReplacementKey(db: Db, store: SigningKeyStore): { key: WorkstationKey; previous: RecordedKey; adopted: boolean } {
  const origin = storedOrigin(db);
  const history = keyHistory(db);
  const previous = history.at(-1);
  if (origin === null)
    throw new ServiceError('REFUSED', 'KEY_NOT_CREATED: this store has no signing key yet; it is created with the first session.');
  if (!previous) {
    throw new ServiceError(
      'REFUSED',
      'KEY_HISTORY_MISSING: this store never recorded its key, so what the lost key signed could not be verified after a replacement. Restore the key file.',
    );
  }
  const problem = keyHistoryProblem(history, registryKeyRecords(db), origin);
  if (problem) {
    throw new ServiceError(
      'REFUSED',
      `KEY_HISTORY_INVALID: ${problem}; a key history that does not verify is not extended (run papertape verify).`,
    );
  }
  const presentPem = store.load();
  if (presentPem !== null) {
    const present = workstationKeyFromPem(presentPem, store.describe());
    if (history.some((r) => r.fingerprint === present.fingerprint)) {
      throw new ServiceError(
        'REFUSED',
        `KEY_PRESENT: the key at ${store.describe()} is recorded key ${history.find((r) => r.fingerprint === present.fingerprint)!.ordinal}; a replacement is for a lost key. To retire a key you still hold, move its file out of the key folder (keep it) and run this again.`,
      );
    }
    return { key: present, previous, adopted: true };
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  store.save(pem);
  return { key: workstationKeyFromPem(pem), previous, adopted: false };
}

/** The audit store of a data directory, with its key in `<dataDir>/keys` (or the given key store). */
export function openWorkstationAuditStore(db: Db, dataDir: string, clock: () => number, keyStore?: SigningKeyStore): AuditStore {
  const store = keyStore ?? fileSigningKeyStore(keyDirOf(dataDir));
  const key = workstationKeyFor(db, store);
  // Old keys verify only when the table is the registry's chain of replacements; otherwise only the key in
  // use does, so what a slipped-in key signed fails verification (which names the table: registry.key_unrecorded).
  const table = keyHistory(db);
  const trusted = keyHistoryProblem(table, registryKeyRecords(db), storedOrigin(db)) === null;
  const history = trusted ? verifyingKeysOf(table) : [];
  return openAuditStore(db, {
    keyDir: keyDirOf(dataDir),
    origin: resolveAuditOrigin(db, key.fingerprint),
    clock,
    keyStore: store,
    key,
    verifyingKeys: history.some((k) => k.fingerprint === key.fingerprint) ? history : [...history, key],
    witnessFile: witnessPathOf(dataDir),
  });
}
