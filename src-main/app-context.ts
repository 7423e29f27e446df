import { ensureDataDir } from './services/data-dir';
import { databasePath, openDatabase, type Db } from './store/database';
import { buildId, codeVersion } from './version';
import { createEventBus, type EventBus } from './ipc/event-bus';

/** What every service receives: no service reaches for globals, so tests build one on a temp dir. */
export interface AppContext {
  dataDir: string;
  dbPath: string;
  version: string;
  buildId: string;
  electronVersion: string | null;
  events: EventBus;
  /** Opened lazily so a broken database is reported by `app.health`, not a crash at start-up. */
  db(): Db;
  close(): void;
}

export function createAppContext(opts: { dataDir: string; electronVersion?: string | null }): AppContext {
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
