import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-shared/app-identity';
import { ServiceError } from '../../src-shared/envelope';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE);
}

/**
 * Opens (creating if absent) the workstation database and brings its schema forward. A file that
 * is not SQLite, whose header or schema cannot be read, or that comes from a newer Papertape is
 * refused untouched. SQLite's quick_check (a read of every page, which grows with the store) runs
 * only when asked, by the commands whose question is integrity (verify, doctor, Verify now).
 */
export function openDatabase(file: string, opts: { readonly?: boolean; migrations?: readonly Migration[]; quickCheck?: boolean } = {}): Db {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  refuseForeignFile(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (err) {
    throw new ServiceError('IO_ERROR', `Cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new ServiceError(
        'REFUSED',
        `Database ${file} has schema version ${version}, newer than this Papertape understands (${latest}). Use a newer Papertape; the file was left untouched.`,
      );
    }
    if (opts.quickCheck) assertQuickCheck(db, file);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      if (process.platform === 'darwin') db.pragma('fullfsync = ON');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, migrations, version);
    }
    return db;
  } catch (err) {
    db.close();
    if (err instanceof ServiceError) throw err;
    throw new ServiceError(
      'INTEGRITY_FAILURE',
      `Database ${file} cannot be read as SQLite: ${(err as Error).message}; the file was left untouched.`,
    );
  }
}

/** SQLite's own page-level check of the file; a failure is an integrity finding that names what SQLite saw. */
export function assertQuickCheck(db: Db, file = db.name): void {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') {
    throw new ServiceError(
      'INTEGRITY_FAILURE',
      `Database ${file} failed SQLite's quick_check (${String(check)}); the file was left untouched.`,
    );
  }
}

/**
 * For commands that only read (verify, key export): the store where it lies, or, when its folder
 * cannot be written (read-only media, a write-protected share), a private temporary copy opened
 * read-only, because SQLite cannot open a WAL database read-only without creating its `-shm` file
 * beside it. The original is never touched; the copy goes when the connection closes. Such a
 * connection is `readonly`, so verification does not try to record its run.
 */
export function openDatabaseForReading(file: string, opts: { quickCheck?: boolean } = {}): Db {
  if (!fs.existsSync(file) || writablePlace(file)) return openDatabase(file, opts);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-readonly-'));
  const copy = path.join(tmp, path.basename(file));
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = openDatabase(copy, { readonly: true, ...opts });
    const close = db.close.bind(db);
    db.close = () => {
      const r = close();
      fs.rmSync(tmp, { recursive: true, force: true });
      return r;
    };
    return db;
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

function writablePlace(file: string): boolean {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first 16 bytes of a file (fewer if it is shorter), or null when it cannot be read (absent). */
function fileHead(file: string): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(16);
    return head.subarray(0, fs.readSync(fd, head, 0, 16, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a file starts with the SQLite header (an absent or short file does not). */
export function hasSqliteHeader(file: string): boolean {
  return fileHead(file)?.equals(SQLITE_HEADER) ?? false;
}

function refuseForeignFile(file: string): void {
  const head = fileHead(file);
  // Absent, or empty: SQLite creates a new database there.
  if (head === null || head.length === 0) return;
  if (!head.equals(SQLITE_HEADER)) {
    throw new ServiceError('REFUSED', `${file} is not a SQLite database (wrong header); the file was left untouched.`);
  }
}

function migrate(db: Db, migrations: readonly Migration[], from: number): void {
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function sqliteVersion(db: Db): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

export { LATEST_SCHEMA_VERSION };
