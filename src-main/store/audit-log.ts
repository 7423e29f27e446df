import type Database from 'better-sqlite3';
import type { AuditLogKind } from '../../src-shared/audit/audit-envelope';
import { GENESIS_PREV_HASH, parseLogId, REGISTRY_LOG } from '../../src-shared/audit/audit-envelope';
import type { PipelineEvent } from '../../src-shared/events/pipeline-event';
import { fileSigningKeyStore, type SigningKeyStore } from './signing-key/signing-key-store';
import { loadOrCreateWorkstationKey, type WorkstationKey } from './signing-key/workstation-key';
import type { VerifyingKey } from './signing-key/key-history';
import { AuditStoreError, auditStoreErrorFromSqlite } from './audit-store-error';
import { formatCheckpoint, logOrigin, parseCheckpoint } from './checkpoint';
import type { Db } from './database';
import { canonicalEventText, eventHashOf, EventProfileError } from './event-bytes';
import { MerkleFrontier } from './merkle';
import { parseNote, signNote } from './signed-note';
import { writeWitness } from './registry-witness';

export { AuditStoreError } from './audit-store-error';

export interface AuditStoreOptions {
  /** Folder of the workstation key (`<data dir>/keys`). */
  keyDir: string;
  /** Workstation origin, also the note key name; each log's checkpoint origin is `<origin>/<log>`. */
  origin: string;
  /** Injected time (epoch ms) for checkpoint timestamps. */
  clock: () => number;
  /** Overrides the file key store under keyDir (e.g. Electron safeStorage). */
  keyStore?: SigningKeyStore;
  /** Where each new registry checkpoint is also written (see registry-witness.ts); none when absent. */
  witnessFile?: string;
  /** The signing key, already loaded and checked by the workstation layer (else loaded from the key store). */
  key?: WorkstationKey;
  /** Every key this store's checkpoints may carry (the recorded history); the signing key alone when absent. */
  verifyingKeys?: readonly VerifyingKey[];
}

export interface AppendResult {
  log: string;
  /** Seq of the first appended event (equals the old size; for an empty batch nothing was written). */
  firstSeq: number;
  lastSeq: number;
  size: number;
  /** Hex Merkle root after the batch. */
  root: string;
}

export interface SignedCheckpoint {
  log: string;
  origin: string;
  size: number;
  /** Hex root (what the tables store); the body carries it in base64. */
  root: string;
  /** C2SP tlog-checkpoint body. */
  body: string;
  /** The C2SP signed note: body, blank line, signature line. */
  note: string;
  keyName: string;
  /** Hex of the 4-byte note key id. */
  keyId: string;
  signedAt: string;
}

export interface StoredEvent {
  seq: number;
  /** The canonical text exactly as stored and hashed. */
  canonical: string;
  /** Hex SHA-256(0x00 || canonical). */
  eventHash: string;
}

export interface AuditTip {
  /** Seq of the last event, null for an empty log. */
  seq: number | null;
  /** Hash of the last event; the genesis hash for an empty log. */
  eventHash: string;
}

export interface AuditLogInfo {
  log: string;
  kind: AuditLogKind;
  sessionId: string | null;
  size: number;
}

export interface AuditStore {
  readonly db: Db;
  readonly origin: string;
  readonly key: Pick<WorkstationKey, 'publicKey' | 'publicRaw' | 'publicPem' | 'fingerprint'>;
  /** The keys checkpoints of this store verify with: the current one and every key it replaced, oldest first. */
  readonly verifyingKeys: readonly VerifyingKey[];
  readonly clock: () => number;
  /** The registry witness file outside the database, or null when this store keeps none. */
  readonly witnessFile: string | null;
  /** Appends one step's events in ONE transaction; all or nothing. */
  append(log: string, sessionId: string | null, events: readonly PipelineEvent[]): AppendResult;
  tip(log: string): AuditTip;
  size(log: string): number;
  /** Hex Merkle root of the committed log. */
  root(log: string): string;
  /** Hex Merkle root of the first `size` stored events (read from the rows), or null when the log holds fewer. */
  prefixRoot(log: string, size: number): string | null;
  /** Signs a checkpoint of the committed (durable) log and records it; idempotent for an unchanged log. */
  checkpoint(log: string): SignedCheckpoint;
  /** Streams stored events in seq order, inclusive bounds. */
  readEvents(log: string, fromSeq?: number, toSeq?: number): IterableIterator<StoredEvent>;
  listLogs(): AuditLogInfo[];
  /** The signed checkpoints of a log, oldest first. */
  checkpoints(log: string): SignedCheckpoint[];
}

interface LogState {
  size: number;
  frontier: MerkleFrontier;
  tipHash: string;
}

interface LogRow {
  log: string;
  kind: AuditLogKind;
  session_id: string | null;
  size: number;
  frontier: string;
}

interface EventRow {
  seq: number;
  canonical: string;
  event_hash: string;
}

const EVENTS_SQL = 'SELECT seq, canonical, event_hash FROM audit_events WHERE log = ? AND seq >= ? AND seq <= ? ORDER BY seq';

interface CheckpointRow {
  log: string;
  size: number;
  root: string;
  note: string;
  signed_at: string;
}

export function openAuditStore(db: Db, opts: AuditStoreOptions): AuditStore {
  if (!db.readonly) {
    // Every commit must reach the disk before a checkpoint may cover it; FULL syncs the WAL at each commit.
    const sync = db.pragma('synchronous', { simple: true }) as number;
    if (sync < 2) db.pragma('synchronous = FULL');
  }
  const key = opts.key ?? loadOrCreateWorkstationKey(opts.keyStore ?? fileSigningKeyStore(opts.keyDir));
  const verifyingKeys: readonly VerifyingKey[] = opts.verifyingKeys ?? [key];
  const keyName = opts.origin;
  const cache = new Map<string, LogState>();

  const q = {
    logRow: db.prepare<[string], LogRow>('SELECT log, kind, session_id, size, frontier FROM audit_logs WHERE log = ?'),
    logs: db.prepare<[], LogRow>('SELECT log, kind, session_id, size, frontier FROM audit_logs ORDER BY log'),
    tip: db.prepare<[string], { seq: number; event_hash: string }>(
      'SELECT seq, event_hash FROM audit_events WHERE log = ? ORDER BY seq DESC LIMIT 1',
    ),
    leafHashes: db.prepare<[string], { event_hash: string }>('SELECT event_hash FROM audit_events WHERE log = ? ORDER BY seq').pluck(),
    events: db.prepare<[string, number, number], EventRow>(EVENTS_SQL),
    checkpoints: db.prepare<[string], CheckpointRow>(
      'SELECT log, size, root, note, signed_at FROM audit_checkpoints WHERE log = ? ORDER BY size',
    ),
    lastCheckpoint: db.prepare<[string], CheckpointRow>(
      'SELECT log, size, root, note, signed_at FROM audit_checkpoints WHERE log = ? ORDER BY size DESC LIMIT 1',
    ),
  };
  // Write statements cannot be prepared on a read-only connection; they are made on first use.
  let writes: Record<'newLog' | 'insert' | 'setLog' | 'addCheckpoint', Database.Statement<unknown[]>> | null = null;
  const w = () =>
    (writes ??= {
      newLog: db.prepare('INSERT INTO audit_logs (log, kind, session_id) VALUES (?, ?, ?)'),
      insert: db.prepare('INSERT INTO audit_events (log, seq, canonical, prev_hash, event_hash) VALUES (?, ?, ?, ?, ?)'),
      setLog: db.prepare('UPDATE audit_logs SET size = ?, frontier = ? WHERE log = ?'),
      addCheckpoint: db.prepare('INSERT INTO audit_checkpoints (log, size, root, note, signed_at) VALUES (?, ?, ?, ?, ?)'),
    });

  /** The committed state of a log, trusting the cached frontier only when it agrees with the stored tip. */
  function loadState(log: string): LogState | null {
    const row = q.logRow.get(log);
    if (!row) return null;
    const cached = cache.get(log);
    if (cached && cached.size === row.size) return cached;
    const tip = q.tip.get(log);
    const size = tip ? tip.seq + 1 : 0;
    let frontier: MerkleFrontier | null = null;
    if (row.size === size) {
      try {
        frontier = MerkleFrontier.deserialize(size, row.frontier);
      } catch {
        frontier = null;
      }
    }
    if (!frontier) {
      // The cached frontier is missing or stale: rebuild it from the stored leaf hashes.
      frontier = MerkleFrontier.empty();
      for (const h of q.leafHashes.iterate(log) as IterableIterator<string>) frontier.push(Buffer.from(h, 'hex'));
      if (frontier.size !== size) throw new AuditStoreError('IO_ERROR', `Log ${log} has a gap in its seq numbers; run papertape verify.`);
    }
    const state = { size, frontier, tipHash: tip?.event_hash ?? GENESIS_PREV_HASH };
    cache.set(log, state);
    return state;
  }

  const appendTx = db.transaction((log: string, sessionId: string | null, events: readonly PipelineEvent[]): LogState => {
    let state = loadState(log);
    if (!state) {
      const id = parseLogId(log)!;
      w().newLog.run(log, id.kind, id.sessionId);
      state = { size: 0, frontier: MerkleFrontier.empty(), tipHash: GENESIS_PREV_HASH };
    }
    const frontier = state.frontier.clone();
    let prev = state.tipHash;
    let seq = state.size;
    const insert = w().insert;
    for (const ev of events) {
      const canonical = canonicalEventText({
        v: 1,
        log,
        seq,
        ts: ev.ts,
        type: ev.type,
        session_id: sessionId,
        actor: ev.actor,
        payload: ev.payload,
        prev_hash: prev,
      });
      const hash = eventHashOf(canonical);
      const hex = hash.toString('hex');
      insert.run(log, seq, canonical, prev, hex);
      frontier.push(hash);
      prev = hex;
      seq++;
    }
    w().setLog.run(seq, frontier.serialize(), log);
    return { size: seq, frontier, tipHash: prev };
  });

  function checkLog(log: string, sessionId: string | null): void {
    const id = parseLogId(log);
    if (!id) throw new AuditStoreError('INVALID_LOG', `Not an audit log id: ${JSON.stringify(log)} (use "registry" or "session/<id>")`);
    if (id.kind === 'session' && sessionId !== id.sessionId) {
      throw new AuditStoreError('INVALID_LOG', `Log ${log} belongs to session ${id.sessionId}, not ${String(sessionId)}`);
    }
  }

  function committedState(log: string): LogState {
    return loadState(log) ?? { size: 0, frontier: MerkleFrontier.empty(), tipHash: GENESIS_PREV_HASH };
  }

  function toSigned(row: CheckpointRow): SignedCheckpoint {
    const split = row.note.lastIndexOf('\n\n');
    const body = row.note.slice(0, split + 1);
    const parsed = parseCheckpoint(body);
    const sigLine = row.note
      .slice(split + 2)
      .trim()
      .split(' ');
    const blob = Buffer.from(sigLine[2] ?? '', 'base64');
    return {
      log: row.log,
      origin: parsed?.origin ?? '',
      size: row.size,
      root: row.root,
      body,
      note: row.note,
      keyName: sigLine[1] ?? '',
      keyId: blob.subarray(0, 4).toString('hex'),
      signedAt: row.signed_at,
    };
  }

  /** Whether the registry as stored (size `size`) has the witness's checkpoint as a prefix; its signature is verify's business. */
  function registryExtends(witnessNote: string, size: number): boolean {
    const parsed = parseNote(witnessNote);
    const cp = parsed ? parseCheckpoint(parsed.body) : null;
    if (!cp || cp.origin !== logOrigin(opts.origin, REGISTRY_LOG) || cp.size > size) return false;
    return prefixRoot(REGISTRY_LOG, cp.size) === cp.root.toString('hex');
  }

  /** A second reader while one iterates (nested or abandoned) gets its own statement. */
  function eventsStatement(): Database.Statement<[string, number, number], EventRow> {
    return q.events.busy ? db.prepare<[string, number, number], EventRow>(EVENTS_SQL) : q.events;
  }

  function prefixRoot(log: string, size: number): string | null {
    const f = MerkleFrontier.empty();
    if (size > 0) for (const r of eventsStatement().iterate(log, 0, size - 1)) f.push(Buffer.from(r.event_hash, 'hex'));
    return f.size === size ? f.root().toString('hex') : null;
  }

  return {
    db,
    origin: opts.origin,
    key,
    verifyingKeys,
    clock: opts.clock,
    witnessFile: opts.witnessFile ?? null,
    append(log, sessionId, events) {
      checkLog(log, sessionId);
      if (events.length === 0) {
        const s = committedState(log);
        return { log, firstSeq: s.size, lastSeq: s.size - 1, size: s.size, root: s.frontier.root().toString('hex') };
      }
      let next: LogState;
      try {
        next = appendTx.immediate(log, sessionId, events);
      } catch (err) {
        cache.delete(log);
        if (err instanceof AuditStoreError) throw err;
        if (err instanceof EventProfileError) throw new AuditStoreError('INVALID_EVENT', err.message, err);
        throw auditStoreErrorFromSqlite(err, `Appending ${events.length} event(s) to ${log}`);
      }
      cache.set(log, next);
      return {
        log,
        firstSeq: next.size - events.length,
        lastSeq: next.size - 1,
        size: next.size,
        root: next.frontier.root().toString('hex'),
      };
    },
    tip(log) {
      const s = committedState(log);
      return { seq: s.size === 0 ? null : s.size - 1, eventHash: s.tipHash };
    },
    size(log) {
      return committedState(log).size;
    },
    root(log) {
      return committedState(log).frontier.root().toString('hex');
    },
    prefixRoot,
    checkpoint(log) {
      checkLog(log, parseLogId(log)?.sessionId ?? null);
      // Inside an open transaction the newest rows may never commit; a checkpoint covers only what has.
      if (db.inTransaction) throw new AuditStoreError('CONFLICT', 'A checkpoint cannot be signed inside an open transaction.');
      try {
        const s = committedState(log);
        const last = q.lastCheckpoint.get(log);
        if (last && last.size === s.size) return toSigned(last);
        if (last && last.size > s.size) {
          throw new AuditStoreError(
            'CONFLICT',
            `Log ${log} holds ${s.size} events but was checkpointed at ${last.size}: run papertape verify.`,
          );
        }
        const root = s.frontier.root();
        const origin = logOrigin(opts.origin, log);
        const body = formatCheckpoint({ origin, size: s.size, root });
        const note = signNote(body, keyName, key.privateKey, key.publicRaw);
        const signedAt = new Date(opts.clock()).toISOString();
        if (!loadState(log)) {
          const id = parseLogId(log)!;
          w().newLog.run(log, id.kind, id.sessionId);
        }
        w().addCheckpoint.run(log, s.size, root.toString('hex'), note, signedAt);
        if (log === REGISTRY_LOG && opts.witnessFile) writeWitness(opts.witnessFile, note, (old) => registryExtends(old, s.size));
        return toSigned({ log, size: s.size, root: root.toString('hex'), note, signed_at: signedAt });
      } catch (err) {
        if (err instanceof AuditStoreError) throw err;
        throw auditStoreErrorFromSqlite(err, `Signing a checkpoint of ${log}`);
      }
    },
    *readEvents(log, fromSeq = 0, toSeq = Number.MAX_SAFE_INTEGER) {
      for (const r of eventsStatement().iterate(log, fromSeq, toSeq)) yield { seq: r.seq, canonical: r.canonical, eventHash: r.event_hash };
    },
    listLogs() {
      return q.logs.all().map((r) => ({ log: r.log, kind: r.kind, sessionId: r.session_id, size: r.size }));
    },
    checkpoints(log) {
      return q.checkpoints.all(log).map(toSigned);
    },
  };
}
