import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openDatabase, schemaVersion } from '../../../src-main/store/database';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { makeTempDir } from '../../support/temp-dir';

describe('workstation database', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const tmp = () => {
    const t = makeTempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };

  it('creates a new file at the latest schema, in WAL with synchronous=FULL', () => {
    const file = path.join(tmp(), 'p.db');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('migrates forward from every earlier version', () => {
    for (const m of MIGRATIONS) {
      const file = path.join(tmp(), `v${m.version}.db`);
      const db = openDatabase(file, { migrations: MIGRATIONS.filter((x) => x.version <= m.version) });
      expect(schemaVersion(db)).toBe(m.version);
      db.close();
      const again = openDatabase(file);
      expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
      again.close();
    }
  });

  it('refuses a database from a newer Papertape and leaves it untouched', () => {
    const file = path.join(tmp(), 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer than this Papertape understands/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = path.join(tmp(), 'text.db');
    fs.writeFileSync(file, 'these are my notes, not a database');
    expect(() => openDatabase(file)).toThrow(/is not a SQLite database/);
    expect(fs.readFileSync(file, 'utf8')).toBe('these are my notes, not a database');
  });

  it('refuses a corrupt SQLite file and leaves it untouched', () => {
    const file = path.join(tmp(), 'corrupt.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1);');
    raw.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 100, 4096); // smash the schema page past the header
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(/left untouched/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});
