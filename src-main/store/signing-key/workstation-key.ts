import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { SigningKeyStore } from './signing-key-store';

export interface WorkstationKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The 32-byte raw Ed25519 public key (what the signed-note key id and the fingerprint hash). */
  publicRaw: Buffer;
  publicPem: string;
  /** Hex SHA-256 of the raw public key. */
  fingerprint: string;
}

/** Loads the workstation's Ed25519 key, creating it on first run. */
export function loadOrCreateWorkstationKey(store: SigningKeyStore): WorkstationKey {
  let pem = store.load();
  if (pem === null) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      store.save(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    } catch (err) {
      // Another process may have created the key first; use theirs, or report our own failure.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    pem = store.load();
    if (pem === null) throw new Error(`The signing key could not be stored at ${store.describe()}`);
  }
  return workstationKeyFromPem(pem, store.describe());
}

/** A private key PEM as the workstation key (public parts derived). */
export function workstationKeyFromPem(pem: string, where = 'the key store'): WorkstationKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`The key at ${where} is not an Ed25519 key`);
  return publicParts(privateKey, createPublicKey(privateKey));
}

/** A public key alone (for verifying with an exported key). */
export function publicKeyFromPem(pem: string): Omit<WorkstationKey, 'privateKey'> {
  const publicKey = createPublicKey(pem);
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('Not an Ed25519 public key');
  const { privateKey: _p, ...rest } = publicParts(null, publicKey);
  return rest;
}

function publicParts(privateKey: KeyObject | null, publicKey: KeyObject): WorkstationKey {
  const jwk = publicKey.export({ format: 'jwk' });
  const publicRaw = Buffer.from(jwk.x ?? '', 'base64url');
  return {
    privateKey: privateKey as KeyObject,
    publicKey,
    publicRaw,
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: createHash('sha256').update(publicRaw).digest('hex'),
  };
}
