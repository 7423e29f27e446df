import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fileSigningKeyStore, KEY_FILE, type SigningKeyStore } from '../../store/signing-key/signing-key-store';
import { keyDirOf } from '../../store/workstation-audit';

/**
 * The workstation key at rest in the desktop app. One key per data directory, in one of two files:
 * - `keys/workstation-ed25519.pem.sealed`: the PEM sealed with Electron `safeStorage` (Keychain on
 *   macOS, DPAPI on Windows, a secret service on Linux). Only the desktop app can open it.
 * - `keys/workstation-ed25519.pem`: the plain PEM, mode 0600 in a 0700 folder; what the CLI reads
 *   and writes, and what the app writes when the OS offers no keychain (it then shows a warning).
 * An existing plain key is used as is, never duplicated, so the app and the CLI sign with one key.
 * Nothing here imports Electron: the shell injects `safeStorage`, and tests inject a fake.
 */
export const SEALED_KEY_FILE = `${KEY_FILE}.sealed`;
const SEALED_FORMAT = 'papertape-sealed-key/1';

export type KeyProtection = 'os-keychain' | 'user-only-file';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

const SealedFile = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  sealedWith: z.literal('electron-safeStorage'),
  ciphertext: z.base64().min(1).max(16384),
});

/** Linux `basic_text` "encrypts" with a hard-coded password: no protection, so it counts as none. */
export function keychainAvailable(safe: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!safe.isEncryptionAvailable()) return false;
  return !(platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text');
}

export interface SafeStorageKeyStore extends SigningKeyStore {
  /** How the key is held now, or would be held if it were created now. */
  protection(): KeyProtection;
}

export function safeStorageSigningKeyStore(keyDir: string, safe: SafeStorageLike, platform: NodeJS.Platform): SafeStorageKeyStore {
  const plain = fileSigningKeyStore(keyDir);
  const sealedPath = path.join(keyDir, SEALED_KEY_FILE);
  const plainExists = () => fs.existsSync(path.join(keyDir, KEY_FILE));
  return {
    protection() {
      if (plainExists()) return 'user-only-file';
      if (fs.existsSync(sealedPath)) return 'os-keychain';
      return keychainAvailable(safe, platform) ? 'os-keychain' : 'user-only-file';
    },
    load() {
      if (plainExists()) return plain.load();
      if (!fs.existsSync(sealedPath)) return null;
      const parsed = SealedFile.safeParse(parseJson(fs.readFileSync(sealedPath, 'utf8')));
      if (!parsed.success)
        throw new Error(`KEY_FILE_INVALID: file=${sealedPath}, why=${parsed.error.issues[0]?.path.join('.') || 'not-json'}`);
      if (!safe.isEncryptionAvailable()) {
        throw new Error(`KEY_SEALED_UNAVAILABLE: file=${sealedPath}, why=the OS keychain that sealed this key is not available`);
      }
      return safe.decryptString(Buffer.from(parsed.data.ciphertext, 'base64'));
    },
    save(privatePem) {
      if (!keychainAvailable(safe, platform)) return plain.save(privatePem);
      fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      const ciphertext = safe.encryptString(privatePem).toString('base64');
      const body = JSON.stringify({ format: SEALED_FORMAT, sealedWith: 'electron-safeStorage', ciphertext }, null, 2) + '\n';
      // `wx`: the same never-overwrite rule as the plain store; loadOrCreate handles EEXIST.
      fs.writeFileSync(sealedPath, body, { mode: 0o600, flag: 'wx' });
    },
    describe() {
      return plainExists() || !fs.existsSync(sealedPath) ? plain.describe() : `${sealedPath} (sealed by the OS keychain)`;
    },
  };
}

/**
 * For the CLI: the plain file store, except that it refuses (instead of creating a second key)
 * when the desktop app holds this workstation's key sealed in the OS keychain.
 */
/** The plain-Node default for a data directory: `cliSigningKeyStore` on its `keys/` folder. */
export function cliSigningKeyStoreOf(dataDir: string): SigningKeyStore {
  return cliSigningKeyStore(keyDirOf(dataDir));
}

export function cliSigningKeyStore(keyDir: string): SigningKeyStore {
  const plain = fileSigningKeyStore(keyDir);
  return {
    ...plain,
    load() {
      const pem = plain.load();
      if (pem === null && fs.existsSync(path.join(keyDir, SEALED_KEY_FILE))) {
        throw new Error(
          `KEY_SEALED_UNAVAILABLE: file=${path.join(keyDir, SEALED_KEY_FILE)}, why=the key is sealed in the OS keychain by the desktop app; sign from the app, or verify with the exported public key`,
        );
      }
      return pem;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
