import { LONE_SURROGATE } from '../../src-shared/audit/canonical-profile';
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** C2SP signed-note: the signature type byte for Ed25519 keys. */
const ED25519_ALG = 0x01;
const EM_DASH = '\u2014';

/** Key id per C2SP signed-note: the first 4 bytes of SHA-256(key name || 0x0A || alg || public key). */
export function noteKeyId(keyName: string, rawPublicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from(keyName, 'utf8'))
    .update(Buffer.from([0x0a, ED25519_ALG]))
    .update(rawPublicKey)
    .digest()
    .subarray(0, 4);
}

export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/.test(name) && !LONE_SURROGATE.test(name);
}

/** Signs a note body (which must end in a newline) and returns the full note: body, blank line, signature line. */
export function signNote(body: string, keyName: string, privateKey: KeyObject, rawPublicKey: Buffer): string {
  if (!body.endsWith('\n')) throw new Error('A note body must end with a newline');
  if (!isValidKeyName(keyName)) throw new Error(`Invalid note key name: ${keyName}`);
  const sig = sign(null, Buffer.from(body, 'utf8'), privateKey);
  const blob = Buffer.concat([noteKeyId(keyName, rawPublicKey), sig]).toString('base64');
  return `${body}\n${EM_DASH} ${keyName} ${blob}\n`;
}

/**
 * Adds a signature line by another key to a well-formed note (C2SP allows several; verifiers skip
 * lines by keys they were not given). The body is unchanged, so whatever verified it still does.
 */
export function cosignNote(note: string, keyName: string, privateKey: KeyObject, rawPublicKey: Buffer): string {
  const parsed = parseNote(note);
  if (!parsed) throw new Error('Only a well-formed signed note can be cosigned');
  const line = signNote(parsed.body, keyName, privateKey, rawPublicKey).slice(parsed.body.length + 1);
  return note + line;
}

export interface NoteSignature {
  keyName: string;
  keyId: Buffer;
  signature: Buffer;
}

/** Splits a note into body and signature lines; null when it is not well-formed. */
export function parseNote(note: string): { body: string; signatures: NoteSignature[] } | null {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return null;
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return null;
    const blob = Buffer.from(m[2]!, 'base64');
    if (blob.length !== 68 || blob.toString('base64') !== m[2]) return null;
    signatures.push({ keyName: m[1]!, keyId: blob.subarray(0, 4), signature: blob.subarray(4) });
  }
  return signatures.length > 0 ? { body, signatures } : null;
}

/** The body of a note when it carries a valid signature by this key; otherwise null. */
export function openNote(note: string, keyName: string, publicKey: KeyObject, rawPublicKey: Buffer): string | null {
  const parsed = parseNote(note);
  if (!parsed) return null;
  const id = noteKeyId(keyName, rawPublicKey);
  for (const s of parsed.signatures) {
    if (s.keyName !== keyName || !s.keyId.equals(id)) continue;
    if (verify(null, Buffer.from(parsed.body, 'utf8'), publicKey, s.signature)) return parsed.body;
  }
  return null;
}
