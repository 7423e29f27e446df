import type { SigningKeyStore } from '../store/signing-key/signing-key-store';

/** The app's key, lent to a worker thread for one job: saving would mean a second key, so it is refused. */
export function borrowedSigningKeyStore(pem: string): SigningKeyStore {
  return {
    load: () => pem,
    save: () => {
      throw new Error('SIGNING_KEY_BORROWED: a worker thread never creates the workstation key');
    },
    describe: () => 'the app key store (lent to a worker thread)',
  };
}
