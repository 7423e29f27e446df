import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the workstation's private key rests. The file store is the default; the desktop shell can
 * swap in one backed by Electron safeStorage without the audit store noticing.
 */
export interface SigningKeyStore {
  /** The PKCS#8 PEM of the private key, or null on first run. */
  load(): string | null;
  save(privatePem: string): void;
  /** Where the key rests, for messages. */
  describe(): string;
}

export const KEY_FILE = 'workstation-ed25519.pem';

/** A PEM file in `keys/`, owner-only (0600 file, 0700 folder); written atomically so a crash leaves no half key. */
export function fileSigningKeyStore(keyDir: string): SigningKeyStore {
  const file = path.join(keyDir, KEY_FILE);
  return {
    load() {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    save(privatePem) {
      fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(tmp, 'wx', 0o600);
      try {
        fs.writeSync(fd, privatePem);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      // 'wx' semantics for the final name: never overwrite a key another process just created.
      try {
        fs.linkSync(tmp, file);
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      fs.chmodSync(file, 0o600);
    },
    describe() {
      return file;
    },
  };
}

/** In memory only; for tests that do not care where the key rests. */
export function memorySigningKeyStore(initial: string | null = null): SigningKeyStore {
  let pem = initial;
  return {
    load: () => pem,
    save: (p) => {
      pem = p;
    },
    describe: () => 'memory',
  };
}
