import { ensureDataDir } from './services/data-dir';
import { cliSigningKeyStore } from './services/signing-key/safe-storage-key-store';
import type { SigningKeyStore } from './store/signing-key/signing-key-store';
import { keyDirOf } from './store/workstation-audit';
import { databasePath, openDatabase, type Db } from './store/database';
import { buildId, codeVersion } from './version';
import { createEventBus, type EventBus } from './services/events/event-bus';
import { createPathGrants, type PathGrants } from './services/paths/path-grants';

/** What every service receives: no service reaches for globals, so tests build one on a temp dir. */
export interface AppContext {
  dataDir: string;
  dbPath: string;
  version: string;
  buildId: string;
  electronVersion: string | null;
  events: EventBus;
  /** The files and folders the user picked in native dialogs; IPC calls name them by token. */
  pathGrants: PathGrants;
  /** Wall time for registry and governance events; tests and drills inject a fixed, stepping clock. */
  clock: () => Date;
  /** Where the workstation's Ed25519 key lives: the OS keychain in the desktop app, a 0600 file in the CLI. */
  signingKeyStore: SigningKeyStore;
  /**
   * Run once when the store is first opened for governance (crash recovery in the app and the CLI),
   * set by the composition root that builds the context; null where nothing should run (the worker).
   */
  readonly onStoreOpen: ((ctx: AppContext) => void) | null;
  /** Opened lazily so a broken database is reported by `app.health`, not a crash at start-up. */
  db(): Db;
  close(): void;
}

export function createAppContext(opts: {
  dataDir: string;
  electronVersion?: string | null;
  clock?: () => Date;
  signingKeyStore?: (dataDir: string) => SigningKeyStore;
  onStoreOpen?: (ctx: AppContext) => void;
}): AppContext {
  const dataDir = ensureDataDir(opts.dataDir);
  const dbPath = databasePath(dataDir);
  let db: Db | null = null;
  return {
    dataDir,
    dbPath,
    version: codeVersion(),
    buildId: buildId(),
    electronVersion: opts.electronVersion ?? null,
    events: createEventBus(),
    pathGrants: createPathGrants(),
    clock: opts.clock ?? (() => new Date()),
    signingKeyStore: (opts.signingKeyStore ?? ((dir) => cliSigningKeyStore(keyDirOf(dir))))(dataDir),
    onStoreOpen: opts.onStoreOpen ?? null,
    db() {
      db ??= openDatabase(dbPath);
      return db;
    },
    close() {
      db?.close();
      db = null;
    },
  };
}
