import type Database from 'better-sqlite3';
import type { Db } from '../database';
import { openNote } from '../signed-note';
import { publicKeyFromPem, type WorkstationKey } from './workstation-key';

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
