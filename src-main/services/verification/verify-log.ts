import type { AuditEnvelope } from '../../../src-shared/audit/audit-envelope';
import { GENESIS_PREV_HASH, parseLogId } from '../../../src-shared/audit/audit-envelope';
import type { LogVerification, VerificationCheck, VerificationFailure } from '../../../src-shared/audit/verification-result';
import type { AuditStore, SignedCheckpoint } from '../../store/audit-log';
import { logOrigin, parseCheckpoint } from '../../store/checkpoint';
import { leafHash, MerkleFrontier } from '../../store/merkle';
import { openNoteByAnyKey } from '../../store/signing-key/key-history';
import { fullProfileCheck, scanCanonicalEnvelope } from './canonical-envelope-scan';

/** Where a verification starts: the genesis, or a state an earlier verification established. */
export interface VerifiedState {
  size: number;
  tipHash: string;
  frontier: MerkleFrontier;
}

export const GENESIS_STATE: VerifiedState = { size: 0, tipHash: GENESIS_PREV_HASH, frontier: MerkleFrontier.empty() };

export interface VerifyLogOptions {
  /** Start after this verified prefix instead of the genesis (incremental verification). */
  from?: VerifiedState;
  /** Sees every event that passed its checks, in order (the registry check reads its own events this way). */
  onEvent?: (env: AuditEnvelope, seq: number) => void;
  /** Told the number of events checked so far, every PROGRESS_EVERY events (a progress bar's feed). */
  onProgress?: (checked: number) => void;
}

/** Often enough for a bar to move smoothly, rare enough to cost nothing next to hashing. */
export const PROGRESS_EVERY = 2048;

export interface LogVerificationResult extends LogVerification {
  /** The state reached, for the next incremental run; only meaningful when ok. */
  reached: VerifiedState;
}

/**
 * Verifies one log in a single streaming pass: each stored text is strict-profile canonical JSON
 * of a valid envelope of this log, its stored hash is SHA-256(0x00 || bytes), seq runs without gaps,
 * prev_hash chains, and the Merkle root of the first N events equals every signed checkpoint of
 * size N, whose signature must verify with the workstation key. Memory stays flat in the log size.
 */
export function verifyLog(store: AuditStore, log: string, opts: VerifyLogOptions = {}): LogVerificationResult {
  const start = opts.from ?? GENESIS_STATE;
  const id = parseLogId(log);
  const expectedSession = id?.kind === 'session' ? id.sessionId : undefined;
  const all = store.checkpoints(log);
  // The recorded size, not the store's tip logic: a tampered log must not stop verification from reporting.
  const size = store.listLogs().find((l) => l.log === log)?.size ?? 0;
  const frontier = start.frontier.clone();
  let prev = start.tipHash;
  let expected = start.size;
  let checked = 0;
  let checkpointsChecked = 0;
  let lastGoodCheckpoint = start.size;

  const result = (failure: VerificationFailure | null): LogVerificationResult => ({
    log,
    ok: failure === null,
    eventsChecked: checked,
    size: Math.max(size, expected),
    checkpointsChecked,
    root: frontier.root().toString('hex'),
    failure,
    reached: { size: expected, tipHash: prev, frontier },
  });
  const fail = (check: VerificationCheck, seq: number | null, detail: string) => result({ check, log, seq, detail });

  if (!id) return fail('event.log', null, `${log} is not a valid log id`);
  const pending = all.filter((c) => c.size > start.size);
  for (const cp of pending) {
    const bad = checkpointSignatureProblem(store, log, cp);
    if (bad) return fail('checkpoint.signature', cp.size === 0 ? null : cp.size - 1, `checkpoint of size ${cp.size}: ${bad}`);
  }
  let next = 0;
  // A checkpoint of size 0 says nothing beyond its signature.
  while (pending[next]?.size === expected) next++;

  for (const ev of store.readEvents(log, start.size)) {
    if (ev.seq !== expected) return fail('event.seq', expected, `expected seq ${expected}, found ${ev.seq}: events missing or reordered`);
    const hash = leafHash(ev.canonical);
    const hex = hash.toString('hex');
    if (hex !== ev.eventHash)
      return fail(
        'event.hash',
        ev.seq,
        `stored hash ${ev.eventHash.slice(0, 16)}... is not the hash of the stored bytes (${hex.slice(0, 16)}...)`,
      );
    // The one-pass scan accepts most canonical texts without building the object; anything it is unsure of
    // goes through the full check, which alone decides rejections and words them.
    const env = scanCanonicalEnvelope(ev.canonical) ?? fullProfileCheck(ev.canonical);
    if (typeof env === 'string') return fail('event.profile', ev.seq, env);
    if (env.seq !== ev.seq) return fail('event.seq', ev.seq, `the event says seq ${env.seq} but is stored at ${ev.seq}`);
    if (env.log !== log) return fail('event.log', ev.seq, `the event belongs to log ${env.log}`);
    if (expectedSession !== undefined && env.session_id !== expectedSession) {
      return fail('event.log', ev.seq, `the event belongs to session ${String(env.session_id)}`);
    }
    if (env.prev_hash !== prev)
      return fail(
        'event.chain',
        ev.seq,
        `prev_hash ${env.prev_hash.slice(0, 16)}... does not match the previous event's hash ${prev.slice(0, 16)}...`,
      );
    frontier.push(hash);
    prev = hex;
    expected++;
    checked++;
    if (opts.onProgress && checked % PROGRESS_EVERY === 0) opts.onProgress(checked);
    if (opts.onEvent) opts.onEvent(JSON.parse(ev.canonical) as AuditEnvelope, ev.seq);
    while (pending[next]?.size === expected) {
      const cp = pending[next]!;
      const root = frontier.root().toString('hex');
      if (root !== cp.root) {
        return fail(
          'checkpoint.root',
          lastGoodCheckpoint,
          `the first ${cp.size} events have root ${root.slice(0, 16)}..., the signed checkpoint says ${cp.root.slice(0, 16)}...: events ${lastGoodCheckpoint}..${cp.size - 1} were rewritten`,
        );
      }
      lastGoodCheckpoint = cp.size;
      checkpointsChecked++;
      next++;
    }
  }
  const beyond = pending[next];
  if (beyond)
    return fail('checkpoint.truncated', expected, `a signed checkpoint covers ${beyond.size} events but the log holds ${expected}`);
  if (size !== expected) return fail('event.seq', expected, `the log's recorded size is ${size} but ${expected} events are stored`);
  return result(null);
}

/** Why a checkpoint note does not prove what its row says, or null when it does. */
export function checkpointSignatureProblem(store: AuditStore, log: string, cp: SignedCheckpoint): string | null {
  const body = openNoteByAnyKey(cp.note, store.origin, store.verifyingKeys);
  if (body === null) return 'the note is malformed or its signature does not verify with any recorded workstation key';
  const parsed = parseCheckpoint(body);
  if (!parsed) return 'the note body is not a tlog-checkpoint';
  if (parsed.origin !== logOrigin(store.origin, log)) return `the note is for origin ${parsed.origin}`;
  if (parsed.size !== cp.size) return `the note says size ${parsed.size}`;
  if (parsed.root.toString('hex') !== cp.root) return 'the note root differs from the stored root';
  return null;
}
