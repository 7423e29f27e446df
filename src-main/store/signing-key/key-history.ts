import type Database from 'better-sqlite3';
import type { Db } from '../database';
import { openNote } from '../signed-note';
import { publicKeyFromPem, type WorkstationKey } from './workstation-key';
import { originNamesKey } from './workstation-origin';

/** A public key that signed, or signs, this workstation's checkpoints. */
export type VerifyingKey = Omit<WorkstationKey, 'privateKey'>;

/** One row of the key history: the keys this store has signed with, in the order they took over. */
export interface RecordedKey {
  ordinal: number;
  fingerprint: string;
  publicKeyPem: string;
  recordedAt: string;
  reason: string;
}

/**
 * Migration 5: the workstation's signing keys, oldest first. A replaced key stays here, so the
 * checkpoints it signed still verify after it is lost; the registry log holds the same history as
 * `workstation.key_created` / `workstation.key_replaced` events, and verification compares the two.
 */
export function createKeyHistoryTable(db: Database.Database): void {
  db.exec(`
    CREATE TABLE workstation_keys (
      ordinal INTEGER PRIMARY KEY CHECK (ordinal >= 1),
      fingerprint TEXT NOT NULL UNIQUE,
      public_key_pem TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      reason TEXT NOT NULL
    ) STRICT;

    CREATE TRIGGER workstation_keys_no_update BEFORE UPDATE ON workstation_keys
    BEGIN SELECT RAISE(ABORT, 'workstation_keys is append-only: UPDATE refused'); END;

    CREATE TRIGGER workstation_keys_no_delete BEFORE DELETE ON workstation_keys
    BEGIN SELECT RAISE(ABORT, 'workstation_keys is append-only: DELETE refused'); END;
  `);
}

interface KeyRow {
  ordinal: number;
  fingerprint: string;
  public_key_pem: string;
  recorded_at: string;
  reason: string;
}

/** The recorded keys, oldest first; empty for a store that has not recorded one (or predates the table, read-only). */
export function keyHistory(db: Db): RecordedKey[] {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workstation_keys'").get();
  if (!has) return [];
  return db
    .prepare<[], KeyRow>('SELECT ordinal, fingerprint, public_key_pem, recorded_at, reason FROM workstation_keys ORDER BY ordinal')
    .all()
    .map((r) => ({
      ordinal: r.ordinal,
      fingerprint: r.fingerprint,
      publicKeyPem: r.public_key_pem,
      recordedAt: r.recorded_at,
      reason: r.reason,
    }));
}

/** Adds a key as the newest; it must not be recorded already. */
export function appendKeyRecord(db: Db, key: VerifyingKey, recordedAt: string, reason: string): RecordedKey {
  const ordinal = (keyHistory(db).at(-1)?.ordinal ?? 0) + 1;
  db.prepare('INSERT INTO workstation_keys (ordinal, fingerprint, public_key_pem, recorded_at, reason) VALUES (?, ?, ?, ?, ?)').run(
    ordinal,
    key.fingerprint,
    key.publicPem,
    recordedAt,
    reason,
  );
  return { ordinal, fingerprint: key.fingerprint, publicKeyPem: key.publicPem, recordedAt, reason };
}

/**
 * The keys a checkpoint of this store may be signed with. A row whose PEM does not hash to its
 * fingerprint is left out, so a tampered row cannot make a note verify; the registry comparison
 * in verification names it.
 */
export function verifyingKeysOf(history: readonly RecordedKey[]): VerifyingKey[] {
  const keys: VerifyingKey[] = [];
  for (const r of history) {
    try {
      const k = publicKeyFromPem(r.publicKeyPem);
      if (k.fingerprint === r.fingerprint) keys.push(k);
    } catch {
      // Not a usable Ed25519 public key: it verifies nothing.
    }
  }
  return keys;
}

/** The note body when some signature line is by one of these keys under this key name; otherwise null. */
export function openNoteByAnyKey(note: string, keyName: string, keys: readonly VerifyingKey[]): string | null {
  for (const k of keys) {
    const body = openNote(note, keyName, k.publicKey, k.publicRaw);
    if (body !== null) return body;
  }
  return null;
}

/** A key as the registry log recorded it (`workstation.key_created` first, then each `workstation.key_replaced`). */
export interface RegistryKeyRecord {
  type: string;
  ordinal: number | null;
  fingerprint: string;
  publicKeyPem: string;
  previousFingerprint: string | null;
  registrySeq: number;
}

/** One registry event of a key type read as a record; a malformed one keeps its place with empty fields, so the check names it. */
export function registryKeyRecord(type: string, payload: unknown, registrySeq: number): RegistryKeyRecord {
  const p = (payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    type,
    ordinal: typeof p.ordinal === 'number' ? p.ordinal : null,
    fingerprint: str(p.fingerprint),
    publicKeyPem: str(p.publicKeyPem),
    previousFingerprint: typeof p.previousFingerprint === 'string' ? p.previousFingerprint : null,
    registrySeq,
  };
}

/**
 * The key records in the registry log, oldest first, read straight from its rows (a store open must not
 * scan every registry event to learn its keys). Verification reads the same events as part of the chain.
 */
export function registryKeyRecords(db: Db): RegistryKeyRecord[] {
  const rows = db
    .prepare<[], { seq: number; canonical: string }>(
      `SELECT seq, canonical FROM audit_events WHERE log = 'registry' AND canonical LIKE '%"type":"workstation.key\\_%' ESCAPE '\\' ORDER BY seq`,
    )
    .all();
  return rows.flatMap((r) => {
    const e = JSON.parse(r.canonical) as { type: string; payload: unknown };
    return e.type === 'workstation.key_created' || e.type === 'workstation.key_replaced'
      ? [registryKeyRecord(e.type, e.payload, r.seq)]
      : [];
  });
}

/**
 * Why the key table cannot be trusted, or null when it can: it must equal the registry's records in order
 * and byte for byte; the first key is `key_created` and is the one the workstation's origin names (its
 * fingerprint prefix); each later key is a `key_replaced` naming the key before it; no key appears twice;
 * each PEM hashes to its fingerprint. Someone with SQL access who adds a key must get every one of these
 * right in both places, and still cannot make it the current key without the key file.
 */
export function keyHistoryProblem(
  table: readonly RecordedKey[],
  recorded: readonly RegistryKeyRecord[],
  origin: string | null,
): string | null {
  const n = Math.max(table.length, recorded.length);
  for (let i = 0; i < n; i++) {
    const row = table[i];
    const rec = recorded[i];
    if (!rec)
      return `signing key ${i + 1} (fingerprint ${row!.fingerprint.slice(0, 16)}) is in the key table but the registry never recorded it`;
    if (!row)
      return `the registry recorded signing key ${i + 1} (fingerprint ${rec.fingerprint.slice(0, 16)}) at event ${rec.registrySeq}; the key table does not hold it`;
    if (row.ordinal !== i + 1 || rec.ordinal !== i + 1 || row.fingerprint !== rec.fingerprint || row.publicKeyPem !== rec.publicKeyPem)
      return `signing key ${i + 1} in the key table (fingerprint ${row.fingerprint.slice(0, 16)}) differs from the one the registry recorded at event ${rec.registrySeq}`;
    const expectedType = i === 0 ? 'workstation.key_created' : 'workstation.key_replaced';
    if (rec.type !== expectedType)
      return `registry event ${rec.registrySeq} records signing key ${i + 1} as ${rec.type}; it must be ${expectedType}`;
    if (i > 0 && rec.previousFingerprint !== recorded[i - 1]!.fingerprint)
      return `registry event ${rec.registrySeq} replaces key ${rec.previousFingerprint?.slice(0, 16) ?? '(none)'}, but key ${i} is ${recorded[i - 1]!.fingerprint.slice(0, 16)}`;
    if (recorded.slice(0, i).some((r) => r.fingerprint === rec.fingerprint))
      return `signing key ${i + 1} (fingerprint ${rec.fingerprint.slice(0, 16)}) was recorded before: a key is never recorded twice`;
    if (verifyingKeysOf([row]).length !== 1) return `signing key ${i + 1}: its public key does not hash to its fingerprint`;
  }
  const first = recorded[0];
  if (first && origin !== null && !originNamesKey(origin, first.fingerprint))
    return `the first recorded key (fingerprint ${first.fingerprint.slice(0, 16)}) is not the one the workstation's origin ${origin} names`;
  return null;
}
