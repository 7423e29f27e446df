import { REGISTRY_LOG, SESSION_CHECKPOINT_EVENT, sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { VerificationFailure, VerificationReport } from '../../../src-shared/audit/verification-result';
import type { AuditStore } from '../../store/audit-log';
import { parseCheckpoint } from '../../store/checkpoint';
import { MerkleFrontier } from '../../store/merkle';
import { readWitness } from '../../store/registry-witness';
import { keyHistory, keyHistoryProblem, openNoteByAnyKey, registryKeyRecords } from '../../store/signing-key/key-history';
import { readGovernancePayload, type GovernanceRecord } from '../../../src-shared/events/governance-catalog';
import { readRegistryIndex, isSealedStatus, type RegistryIndex } from './registry-index';
import { loadVerifiedState, recordVerificationRun, saveVerifiedState } from './verification-state';
import { verifyLog, type LogVerificationResult } from './verify-log';

export interface VerifyAuditOptions {
  /** 'incremental' starts each log where the last successful verification stopped. */
  mode?: 'full' | 'incremental';
  /** Only this log (the registry-against-sessions check needs all logs and is skipped). */
  log?: string;
  /** Persist the verified state and the run (default true on a writable connection). */
  record?: boolean;
  /**
   * A checkpoint note of any log seen earlier (`verify --last-checkpoint`): the store must still
   * hold that prefix. The store's own witness file is checked the same way on every run.
   */
  lastCheckpoint?: { note: string; source: string };
  /** Events read so far over the events the logs record, per log and once the registry check runs. */
  onProgress?: (p: VerifyProgress) => void;
}

export interface VerifyProgress {
  log: string;
  done: number;
  total: number;
  phase: 'logs' | 'registry' | 'done';
}

interface RecordedSessionCheckpoint {
  registrySeq: number;
  payload: GovernanceRecord<typeof SESSION_CHECKPOINT_EVENT>;
}

/** Verifies every log (or one), then the registry against the sessions; the report names the first failure of each. */
export function verifyAudit(store: AuditStore, opts: VerifyAuditOptions = {}): VerificationReport {
  const mode = opts.mode ?? 'full';
  const record = (opts.record ?? true) && !store.db.readonly;
  const logs = store.listLogs().filter((l) => opts.log === undefined || l.log === opts.log);
  const results: LogVerificationResult[] = [];
  const failures: VerificationFailure[] = [];
  const recorded = new Map<string, RecordedSessionCheckpoint>();
  const registryFullyRead = mode === 'full';
  // The registry goes first so its recorded session checkpoints are known when the sessions are checked.
  logs.sort((a, b) => (a.log === REGISTRY_LOG ? -1 : b.log === REGISTRY_LOG ? 1 : a.log.localeCompare(b.log)));
  const progress = opts.onProgress ?? (() => {});
  // First: an untrusted key table means old checkpoints were checked with the key in use only, and the
  // signature failures that follow are its consequence; name the cause before them.
  if (opts.log === undefined) failures.push(...keysAgainstRegistry(store));
  // The recorded sizes are the denominator: a tampered store may hold fewer rows, and the bar then ends early.
  const total = logs.reduce((n, l) => n + l.size, 0);
  let before = 0;
  for (const l of logs) {
    progress({ log: l.log, done: before, total, phase: 'logs' });
    const from = mode === 'incremental' ? (loadVerifiedState(store.db, l.log) ?? undefined) : undefined;
    if (from) {
      const rollback = rollbackProblem(store, l.log, from);
      if (rollback) {
        results.push({ ...emptyResult(l.log, l.size), ok: false, failure: rollback });
        failures.push(rollback);
        continue;
      }
    }
    const r = verifyLog(store, l.log, {
      from,
      onEvent:
        l.log === REGISTRY_LOG
          ? (env, seq) => {
              const p = env.type === SESSION_CHECKPOINT_EVENT ? readGovernancePayload(SESSION_CHECKPOINT_EVENT, env.payload) : null;
              if (p) recorded.set(p.log, { registrySeq: seq, payload: p });
            }
          : undefined,
      onProgress: (checked) => progress({ log: l.log, done: Math.min(total, before + checked), total, phase: 'logs' }),
    });
    before += r.eventsChecked;
    results.push(r);
    if (r.failure) failures.push(r.failure);
    else if (record) saveVerifiedState(store.db, l.log, r.reached, new Date(store.clock()).toISOString());
  }
  if (opts.log === undefined && !failures.some((f) => f.log === REGISTRY_LOG)) {
    progress({ log: REGISTRY_LOG, done: Math.min(total, before), total, phase: 'registry' });
    const index = readRegistryIndex(store);
    failures.push(...sessionsAgainstRegistry(store, index));
    if (registryFullyRead) failures.push(...registryAgainstSessions(store, recorded, results));
  }
  let seen = 0;
  if (opts.log === undefined && store.witnessFile) {
    const note = readWitness(store.witnessFile);
    const f = note === null ? null : againstSeenCheckpoint(store, note, `the witness file ${store.witnessFile}`);
    if (note !== null) seen++;
    if (f) failures.push(f);
  }
  if (opts.lastCheckpoint) {
    const f = againstSeenCheckpoint(store, opts.lastCheckpoint.note, opts.lastCheckpoint.source);
    seen++;
    if (f) failures.push(f);
  }
  const report: VerificationReport = {
    ok: failures.length === 0,
    mode,
    logs: results.map(({ reached: _r, ...rest }) => ({ ...rest, ok: rest.ok && !failures.some((f) => f.log === rest.log) })),
    failures,
    eventsChecked: results.reduce((n, r) => n + r.eventsChecked, 0),
    seenCheckpointsChecked: seen,
  };
  if (record) recordVerificationRun(store.db, report, new Date(store.clock()).toISOString());
  progress({ log: opts.log ?? REGISTRY_LOG, done: total, total, phase: 'done' });
  return report;
}

function emptyResult(log: string, size: number): LogVerificationResult {
  return {
    log,
    ok: true,
    eventsChecked: 0,
    size,
    checkpointsChecked: 0,
    root: '',
    failure: null,
    reached: { size: 0, tipHash: '', frontier: MerkleFrontier.empty() },
  };
}

/** A log shorter than, or different at, the prefix an earlier verification saw was rolled back or forked. */
function rollbackProblem(store: AuditStore, log: string, from: { size: number; tipHash: string }): VerificationFailure | null {
  if (from.size === 0) return null;
  const [tip] = [...store.readEvents(log, from.size - 1, from.size - 1)];
  if (!tip)
    return {
      check: 'verified.rollback',
      log,
      seq: from.size - 1,
      detail: `an earlier verification saw ${from.size} events; event ${from.size - 1} is gone`,
    };
  if (tip.eventHash !== from.tipHash) {
    return {
      check: 'verified.rollback',
      log,
      seq: from.size - 1,
      detail: `event ${from.size - 1} differs from the one an earlier verification saw`,
    };
  }
  return null;
}

/**
 * Runs in both modes, since an appended tail or a made-up log is exactly what incremental verification
 * would otherwise read as new, valid events: every session log needs its session.created in the
 * registry, and a finished session's log must hold exactly what its last recorded seal covered.
 */
function sessionsAgainstRegistry(store: AuditStore, index: RegistryIndex): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  for (const l of store.listLogs()) {
    if (l.log === REGISTRY_LOG) continue;
    const s = index.sessions.get(l.log);
    if (!s) {
      failures.push({
        check: 'registry.session_unknown',
        log: l.log,
        seq: 0,
        detail: `${l.log} holds ${l.size} events but the registry never created it`,
      });
      continue;
    }
    if (!isSealedStatus(s.status)) continue;
    const sealedSize = s.sealed?.size ?? 0;
    if (l.size > sealedSize) {
      failures.push({
        check: 'registry.session_extended',
        log: l.log,
        seq: sealedSize,
        detail: `session ${s.sessionId} is ${s.status} and the registry sealed it at ${sealedSize} events${s.sealed ? ` (registry event ${s.sealed.registrySeq})` : ''}; the log holds ${l.size}`,
      });
    }
  }
  for (const id of projectedSessionIds(store)) {
    const log = sessionLogId(id);
    if (index.sessions.has(log) || failures.some((f) => f.log === log)) continue;
    failures.push({
      check: 'registry.session_unknown',
      log,
      seq: null,
      detail: `the sessions table lists ${id} but the registry never created it`,
    });
  }
  return failures;
}

/**
 * The keys checkpoints verify with come from workstation_keys; the table must be what the registry log
 * recorded, as a chain of replacements from the key the origin names (keyHistoryProblem), and its newest
 * key the one in use. A store whose registry recorded no key (it predates key records) has nothing to compare.
 */
function keysAgainstRegistry(store: AuditStore): VerificationFailure[] {
  const table = keyHistory(store.db);
  const recorded = registryKeyRecords(store.db);
  const problem = keyHistoryProblem(table, recorded, store.origin);
  if (problem) {
    const seq = recorded.find((k, i) => table[i]?.fingerprint !== k.fingerprint)?.registrySeq ?? null;
    return [{ check: 'registry.key_unrecorded', log: REGISTRY_LOG, seq, detail: problem }];
  }
  const current = table.at(-1);
  if (current && current.fingerprint !== store.key.fingerprint) {
    return [
      {
        check: 'registry.key_unrecorded',
        log: REGISTRY_LOG,
        seq: null,
        detail: `the store signs with key ${store.key.fingerprint.slice(0, 16)}, but the newest recorded key is ${current.fingerprint.slice(0, 16)}`,
      },
    ];
  }
  return [];
}

/** Ids in the governance projection, when this store has one (a bare audit store does not). */
function projectedSessionIds(store: AuditStore): string[] {
  const has = store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gov_sessions'").get();
  return has ? (store.db.prepare('SELECT id FROM gov_sessions ORDER BY id').pluck().all() as string[]) : [];
}

/** Every session checkpoint the registry recorded must still hold for the session log as stored. */
function registryAgainstSessions(
  store: AuditStore,
  recorded: Map<string, RecordedSessionCheckpoint>,
  results: readonly LogVerificationResult[],
): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  const present = new Map(store.listLogs().map((l) => [l.log, l]));
  for (const [log, { registrySeq, payload }] of recorded) {
    const body = openNoteByAnyKey(payload.note, store.origin, store.verifyingKeys);
    const parsed = body === null ? null : parseCheckpoint(body);
    if (!parsed || parsed.size !== payload.size || parsed.root.toString('base64') !== payload.root) {
      failures.push({
        check: 'checkpoint.signature',
        log: REGISTRY_LOG,
        seq: registrySeq,
        detail: `the recorded checkpoint of ${log} does not verify`,
      });
      continue;
    }
    if (!present.has(log)) {
      failures.push({
        check: 'registry.session_missing',
        log,
        seq: registrySeq,
        detail: `registry event ${registrySeq} recorded ${log} at size ${payload.size}; the log is gone`,
      });
      continue;
    }
    const verified = results.find((r) => r.log === log);
    const rootHex = parsed.root.toString('hex');
    // A verified session log holding this very signed checkpoint already proved its first N events match it.
    const held = verified?.ok && store.checkpoints(log).some((c) => c.size === payload.size && c.root === rootHex);
    if (held) continue;
    const actual = store.prefixRoot(log, payload.size);
    if (actual !== rootHex) {
      failures.push({
        check: 'registry.session_replaced',
        log,
        seq: registrySeq,
        detail: `registry event ${registrySeq} recorded ${log} at size ${payload.size}; the stored log ${actual === null ? 'is shorter' : 'has another root'}`,
      });
    }
  }
  return failures;
}

/**
 * A signed checkpoint seen before (the witness, or one a reviewer kept) must still be a prefix of the
 * store: a shorter log or another root at that size means the file was rolled back or rewritten.
 * This is what catches a key holder's complete rewrite, and only against a checkpoint kept elsewhere.
 */
function againstSeenCheckpoint(store: AuditStore, note: string, source: string): VerificationFailure | null {
  const body = openNoteByAnyKey(note, store.origin, store.verifyingKeys);
  const parsed = body === null ? null : parseCheckpoint(body);
  const prefix = `${store.origin}/`;
  if (!parsed || !parsed.origin.startsWith(prefix)) {
    return {
      check: 'checkpoint.signature',
      log: REGISTRY_LOG,
      seq: null,
      detail: `${source} is not a checkpoint of this workstation signed with its key`,
    };
  }
  const log = parsed.origin.slice(prefix.length);
  const held = store.size(log);
  if (held < parsed.size) {
    return {
      check: 'verified.rollback',
      log,
      seq: held,
      detail: `${source} recorded ${log} at ${parsed.size} events; the store holds ${held}: an older copy of the database, or one cut back`,
    };
  }
  if (store.prefixRoot(log, parsed.size) !== parsed.root.toString('hex')) {
    return {
      check: 'verified.rollback',
      log,
      seq: null,
      detail: `${source} recorded ${log} at ${parsed.size} events with another root: the log was rewritten`,
    };
  }
  return null;
}
