import { ensureDataDir } from './services/data-dir';
import { cliSigningKeyStoreOf } from './services/signing-key/safe-storage-key-store';
import type { SigningKeyStore } from './store/signing-key/signing-key-store';
import { databasePath, openDatabase, type Db } from './store/database';
import { buildId, codeVersion } from './version';
import { createEventBus, type EventBus } from './services/events/event-bus';
import { createPathGrants, type PathGrants } from './services/paths/path-grants';
import type { SessionRunner } from './services/sessions/session-runner-port';
import type { JobRunner } from './services/jobs/job-runner-port';
import type { DialogProvider } from './electron/dialogs/dialog-provider';
import type { KeyProtection } from './services/signing-key/safe-storage-key-store';
import type { Governance } from './services/sessions/governance';
import type { MarketSeriesOutput } from '../src-shared/views/view-calls';

/**
 * What a composition root (the Electron main, the CLI main, the worker, a test) plugs into a context.
 * Each starts null, and null means the part is absent: no runner refuses a start, no dialogs refuse a
 * dialog call, no job runner runs heavy calls in this thread.
 */
export interface AppPorts {
  /** Runs a started session: the pipeline in a worker thread (app), in this thread (CLI), a scripted runner (tests, drills). */
  sessionRunner: SessionRunner | null;
  /** Where verification, export, bundle opening, replay and chart building run; null is in-process. */
  jobRunner: JobRunner | null;
  /** Native file dialogs; only the desktop shell has them. */
  dialogs: DialogProvider | null;
  /** How the signing key rests (keychain or user-only file); only the desktop shell reports it in `app.health`. */
  keyProtection: (() => KeyProtection) | null;
  /** Run once when the store is first opened for governance: crash recovery in the app and the CLI, nothing in the worker. */
  readonly onStoreOpen: ((ctx: AppContext) => void) | null;
}

/** What services keep for the life of one context, held on it rather than in module-level maps. */
export interface AppState {
  /** The opened registry and audit store (services/sessions/governance.ts). */
  governance: Governance | null;
  /** Session runs in flight in this process, so tests, drills and shutdown can wait for them. */
  readonly runsInFlight: Map<string, Promise<void>>;
  /** Sessions whose log another connection (a worker thread) writes now; this thread must not sign them. */
  readonly externalWriters: Set<string>;
  /** Built chart series by session, spec, contract and width (a few, most recent last). */
  readonly seriesCache: Map<string, MarketSeriesOutput>;
}

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
  readonly ports: AppPorts;
  readonly state: AppState;
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
    signingKeyStore: (opts.signingKeyStore ?? cliSigningKeyStoreOf)(dataDir),
    ports: { sessionRunner: null, jobRunner: null, dialogs: null, keyProtection: null, onStoreOpen: opts.onStoreOpen ?? null },
    state: { governance: null, runsInFlight: new Map(), externalWriters: new Set(), seriesCache: new Map() },
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
