import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { timed } from './report';

/** N canonical-JSON rows shaped like audit events, the same rows every benchmark measures against. */
export function canonicalRows(n: number): string[] {
  const rows: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = canonicalize({
      v: 1,
      log: 'session/BENCH',
      seq: i + 1,
      ts: new Date(Date.UTC(2026, 11, 16, 0, 45) + i).toISOString(),
      type: 'market.quote',
      session_id: 'BENCH',
      actor: 'system',
      payload: { contract: 'TX 202612', bid: 23000 + (i % 17), ask: 23001 + (i % 17), bidSize: 3, askSize: 4 },
      prev_hash: '0'.repeat(64),
    })!;
  }
  return rows;
}

/** Raw better-sqlite3 inserts into a WAL, synchronous=FULL file: rows per second. */
export function rawInsertRate(rows: readonly string[], batch: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-bench-'));
  const db = new Database(path.join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE raw (seq INTEGER PRIMARY KEY, canonical TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO raw (seq, canonical) VALUES (?, ?)');
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(i + 1, rows[i]);
    });
    const secs = timed(() => {
      for (let i = 0; i < rows.length; i += batch) insertBatch(i, Math.min(rows.length, i + batch));
    });
    return rows.length / secs;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Raw SHA-256 over the same bytes, one hash per row: bytes per second. */
export function rawSha256Rate(rows: readonly string[]): { bytesPerSec: number; rowsPerSec: number } {
  const bufs = rows.map((r) => Buffer.from(r, 'utf8'));
  const total = bufs.reduce((n, b) => n + b.length, 0);
  const secs = timed(() => {
    for (const b of bufs) crypto.hash('sha256', b);
  });
  return { bytesPerSec: total / secs, rowsPerSec: rows.length / secs };
}
