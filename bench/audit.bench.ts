import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { PipelineEvent } from '../src-shared/events/pipeline-event';
import { openAuditStore, type AuditStore } from '../src-main/store/audit-log';
import { databasePath, openDatabase } from '../src-main/store/database';
import { openWorkstationAuditStore } from '../src-main/store/workstation-audit';
import { leafHash } from '../src-main/store/merkle';
import { verifyAudit } from '../src-main/services/verification/verify-audit';
import { startBenchSession } from './lib/bench-session';
import { envInt, peakRssMb, report, timed } from './lib/report';

// Full path vs raw better-sqlite3 for appends; full verification vs raw SHA-256 of the same stored bytes.
const ORIGIN = 'papertape.bench/ws-0001';
const LOG = 'session/BENCH';
const STEP = 10;
const BENCH_LOG_FILE = 'bench-log.txt';
const T0 = Date.UTC(2026, 11, 16, 0, 45);

function benchEvents(from: number, n: number): PipelineEvent[] {
  const out: PipelineEvent[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    out[k] = {
      type: 'market.quote',
      ts: new Date(T0 + i).toISOString(),
      actor: 'system',
      payload: { contract: 'TX 202612', bid: 23000 + (i % 17), ask: 23001 + (i % 17), bidSize: 3, askSize: 4 },
    };
  }
  return out;
}

function openStore(dir: string): AuditStore {
  return openAuditStore(openDatabase(path.join(dir, 'papertape.db')), { keyDir: path.join(dir, 'keys'), origin: ORIGIN, clock: () => T0 });
}

/**
 * Writes an n-event log of a registered, running session through the full path, a checkpoint every
 * 10,000 events, and leaves its log id in the folder. Runs in its own process.
 */
function build(dir: string, n: number): void {
  const s = startBenchSession(dir, T0);
  for (let i = 0; i < n; i += 1000) {
    s.gov.store.append(s.log, s.sessionId, benchEvents(i, Math.min(1000, n - i)));
    if ((i + 1000) % 10_000 === 0 || i + 1000 >= n) s.gov.store.checkpoint(s.log);
  }
  fs.writeFileSync(path.join(dir, BENCH_LOG_FILE), s.log);
  s.ctx.close();
}

/** The workstation's own store on the folder, as `papertape verify` opens it. */
function openWorkstation(dir: string): AuditStore {
  return openWorkstationAuditStore(openDatabase(databasePath(dir)), dir, () => T0);
}

function appendFigures(n: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-bench-audit-'));
  try {
    const steps = Array.from({ length: Math.ceil(n / STEP) }, (_, s) => benchEvents(s * STEP, Math.min(STEP, n - s * STEP)));
    const store = openStore(dir);
    const secs = timed(() => {
      for (const step of steps) store.append(LOG, 'BENCH', step);
    });
    // The raw baseline inserts the very rows the full path stored, with the same step batching and sync settings.
    const rows = store.db
      .prepare('SELECT log, seq, canonical, prev_hash, event_hash FROM audit_events ORDER BY seq')
      .raw()
      .all() as unknown[][];
    store.db.close();
    const raw = new Database(path.join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`CREATE TABLE raw (log TEXT NOT NULL, seq INTEGER NOT NULL, canonical TEXT NOT NULL, prev_hash TEXT NOT NULL,
      event_hash TEXT NOT NULL, PRIMARY KEY (log, seq)) STRICT, WITHOUT ROWID`);
    const insert = raw.prepare('INSERT INTO raw VALUES (?, ?, ?, ?, ?)');
    const batch = raw.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...(rows[i] as [string, number, string, string, string]));
    });
    const rawSecs = timed(() => {
      for (let i = 0; i < rows.length; i += STEP) batch(i, Math.min(rows.length, i + STEP));
    });
    raw.close();
    report(`audit append full path (WAL, sync=FULL, ${STEP} events/step)`, n / secs, 'events/s', {
      value: rows.length / rawSecs,
      name: 'raw better-sqlite3 insert of the same rows',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function verifyFigures(n: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papertape-bench-audit-'));
  try {
    const self = fileURLToPath(import.meta.url);
    const built = spawnSync(process.execPath, ['--import', 'tsx', self, '--build', dir, String(n)], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('building the benchmark log failed');
    const file = path.join(dir, 'papertape.db');
    const log = fs.readFileSync(path.join(dir, BENCH_LOG_FILE), 'utf8');
    const sessionId = log.slice('session/'.length);

    const rawDb = new Database(file, { readonly: true });
    let bytes = 0;
    const rawSecs = timed(() => {
      const stmt = rawDb.prepare('SELECT canonical FROM audit_events WHERE log = ? ORDER BY seq').pluck();
      for (const text of stmt.iterate(log) as IterableIterator<string>) {
        const b = Buffer.from(text, 'utf8');
        bytes += b.length;
        leafHash(b);
      }
    });
    rawDb.close();

    const store = openWorkstation(dir);
    let ok = false;
    const secs = timed(() => {
      ok = verifyAudit(store).ok;
    });
    if (!ok) throw new Error('the benchmark log did not verify');
    report(`audit full verification of ${n.toLocaleString('en-US')} events`, n / secs, 'events/s', {
      value: n / rawSecs,
      name: 'raw SHA-256 of the same bytes from the same file',
    });
    report('audit full verification throughput', bytes / secs / 1e6, 'MB/s');
    report('audit full verification peak memory (process max RSS)', peakRssMb(), 'MB');

    // The session is still running: new events past its last checkpoint are the tail incremental mode reads.
    store.append(log, sessionId, benchEvents(n, 1000));
    store.db.close();
    let incremental = 0;
    let reopened: AuditStore | null = null;
    const openSecs = timed(() => {
      reopened = openWorkstation(dir);
    });
    const incSecs = timed(() => {
      const r = verifyAudit(reopened!, { mode: 'incremental' });
      if (!r.ok) throw new Error('incremental verification failed');
      incremental = r.eventsChecked;
    });
    reopened!.db.close();
    const label = `${incremental} new events on ${n.toLocaleString('en-US')}`;
    report(`audit open + incremental verification (${label})`, (openSecs + incSecs) * 1000, 'ms');
    // Opening reads the header, schema and migrations only; quick_check (every page) is left to verify and doctor.
    report(`audit open alone (no quick_check)`, openSecs * 1000, 'ms');
    report(`audit incremental verification alone (${label})`, incSecs * 1000, 'ms');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Each phase runs in its own process, so the peak memory printed is that of verification alone.
const n = envInt('PAPERTAPE_BENCH_EVENTS', 1_000_000);
if (process.argv[2] === '--build') build(process.argv[3]!, Number(process.argv[4]));
else if (process.argv[2] === '--verify') verifyFigures(n);
else {
  appendFigures(Math.min(n, 50_000));
  const res = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--verify'], { stdio: 'inherit' });
  process.exitCode = res.status ?? 1;
}
