import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signingKeyStatus } from '../../../src-main/electron/signing-key/signing-key-status';
import {
  cliSigningKeyStore,
  keychainAvailable,
  safeStorageSigningKeyStore,
  SEALED_KEY_FILE,
  type SafeStorageLike,
} from '../../../src-main/services/signing-key/safe-storage-key-store';
import { fileSigningKeyStore, KEY_FILE } from '../../../src-main/store/signing-key/signing-key-store';
import { loadOrCreateWorkstationKey } from '../../../src-main/store/signing-key/workstation-key';
import { makeTempDir } from '../../support/temp-dir';

/** Reversible but visibly different, so a test can tell ciphertext from plaintext. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret'): SafeStorageLike & { sealed: number } {
  const s = {
    sealed: 0,
    isEncryptionAvailable: () => available,
    encryptString: (plain: string) => (s.sealed++, Buffer.from('SEALED:' + Buffer.from(plain).toString('hex'))),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(7), 'hex').toString(),
    getSelectedStorageBackend: () => backend,
  };
  return s;
}

describe('safeStorage-backed signing key store', () => {
  let t: { dir: string; cleanup(): void };
  let keyDir: string;
  beforeEach(() => {
    t = makeTempDir('papertape-key-');
    keyDir = path.join(t.dir, 'keys');
  });
  afterEach(() => t.cleanup());

  it('seals a new key with the OS keychain: no plain PEM on disk, and the same key loads again', () => {
    const safe = fakeSafeStorage(true);
    const store = safeStorageSigningKeyStore(keyDir, safe, 'darwin');
    expect(store.protection()).toBe('os-keychain');
    const first = loadOrCreateWorkstationKey(store);
    expect(safe.sealed).toBe(1);
    expect(fs.existsSync(path.join(keyDir, KEY_FILE))).toBe(false);
    const sealed = fs.readFileSync(path.join(keyDir, SEALED_KEY_FILE), 'utf8');
    expect(sealed).not.toContain('PRIVATE KEY');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(keyDir, SEALED_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateWorkstationKey(store).fingerprint).toBe(first.fingerprint);
    expect(store.protection()).toBe('os-keychain');
    expect(store.describe()).toMatch(/sealed by the OS keychain/);
  });

  it('falls back to the 0600 PEM file the CLI uses when no keychain exists, with a warning', () => {
    const store = safeStorageSigningKeyStore(keyDir, fakeSafeStorage(false), 'win32');
    expect(store.protection()).toBe('user-only-file');
    const appKey = loadOrCreateWorkstationKey(store);
    expect(fs.existsSync(path.join(keyDir, SEALED_KEY_FILE))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(keyDir, KEY_FILE)).mode & 0o777).toBe(0o600);
    // The CLI, with no Electron at all, signs with the very same key.
    expect(loadOrCreateWorkstationKey(fileSigningKeyStore(keyDir)).fingerprint).toBe(appKey.fingerprint);
    expect(signingKeyStatus(store.protection()).warning).toMatch(/readable only by your user account/);
    expect(signingKeyStatus('os-keychain').warning).toBeNull();
  });

  it('uses a key the CLI created first instead of making a second one', () => {
    const cliKey = loadOrCreateWorkstationKey(fileSigningKeyStore(keyDir));
    const safe = fakeSafeStorage(true);
    const store = safeStorageSigningKeyStore(keyDir, safe, 'darwin');
    expect(loadOrCreateWorkstationKey(store).fingerprint).toBe(cliKey.fingerprint);
    expect(safe.sealed).toBe(0);
    expect(store.protection()).toBe('user-only-file');
  });

  it('treats Linux basic_text as no keychain', () => {
    expect(keychainAvailable(fakeSafeStorage(true, 'basic_text'), 'linux')).toBe(false);
    expect(keychainAvailable(fakeSafeStorage(true, 'basic_text'), 'darwin')).toBe(true);
    expect(keychainAvailable(fakeSafeStorage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(safeStorageSigningKeyStore(keyDir, fakeSafeStorage(true, 'basic_text'), 'linux').protection()).toBe('user-only-file');
  });

  it('refuses, rather than guessing, when the sealed key cannot be opened or is damaged', () => {
    loadOrCreateWorkstationKey(safeStorageSigningKeyStore(keyDir, fakeSafeStorage(true), 'win32'));
    expect(() => safeStorageSigningKeyStore(keyDir, fakeSafeStorage(false), 'win32').load()).toThrow(/KEY_SEALED_UNAVAILABLE/);
    // The CLI refuses too, instead of creating a second workstation key beside the sealed one.
    expect(() => loadOrCreateWorkstationKey(cliSigningKeyStore(keyDir))).toThrow(/KEY_SEALED_UNAVAILABLE/);
    expect(fs.existsSync(path.join(keyDir, KEY_FILE))).toBe(false);
    fs.writeFileSync(path.join(keyDir, SEALED_KEY_FILE), '{"format":"papertape-sealed-key/1","sealedWith":"nothing","ciphertext":"AA=="}');
    expect(() => safeStorageSigningKeyStore(keyDir, fakeSafeStorage(true), 'win32').load()).toThrow(/KEY_FILE_INVALID: .*why=sealedWith/);
  });

  it('never overwrites an existing sealed key', () => {
    const store = safeStorageSigningKeyStore(keyDir, fakeSafeStorage(true), 'darwin');
    store.save('-----BEGIN PRIVATE KEY-----\nA\n-----END PRIVATE KEY-----\n');
    expect(() => store.save('other')).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(store.load()).toContain('BEGIN PRIVATE KEY');
  });
});
