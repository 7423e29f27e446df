import { keyHistory } from '../../store/signing-key/key-history';
import fs from 'node:fs';
import {
  AuditEventContextInput,
  MAX_CHECKPOINTS_LISTED,
  type AuditCheckpointsOutput,
  type AuditCheckpointView,
  type AuditEventContext,
  type AuditEventRow,
  type WorkstationPublicKey,
} from '../../../src-shared/audit-view/audit-integrity-calls';
import { GENESIS_PREV_HASH } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import type { AppContext } from '../../app-context';
import { readStoredRows, recordedLogSize, withReadOnlyDb, type StoredRow } from '../../store/event-queries';
import { leafHash } from '../../store/merkle';
import { noteKeyId } from '../../store/signed-note';
import { governanceOf } from '../sessions/governance';
import { checkpointSignatureProblem } from '../verification/verify-log';

/** type, ts and prev_hash out of a stored text that may have been tampered with: whatever still parses. */
function fieldsOf(canonical: string): { type: string | null; ts: string | null; prevHash: string | null } {
  try {
    const e = JSON.parse(canonical) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return { type: str(e.type), ts: str(e.ts), prevHash: str(e.prev_hash) };
  } catch {
    return { type: null, ts: null, prevHash: null };
  }
}

function toRow(r: StoredRow, before: StoredRow | undefined, seq: number): AuditEventRow {
  const recomputed = leafHash(r.canonical).toString('hex');
  const f = fieldsOf(r.canonical);
  // The chain is judged against the row before as stored; with that row missing there is nothing to compare.
  const expectedPrev = seq === 0 ? GENESIS_PREV_HASH : (before?.eventHash ?? null);
  return {
    seq: r.seq,
    present: true,
    type: f.type,
    ts: f.ts,
    storedHash: r.eventHash,
    recomputedHash: recomputed,
    hashMatches: recomputed === r.eventHash,
    prevHash: f.prevHash,
    chainMatches: expectedPrev === null || f.prevHash === null ? null : f.prevHash === expectedPrev,
  };
}

const missing = (seq: number): AuditEventRow => ({
  seq,
  present: false,
  type: null,
  ts: null,
  storedHash: null,
  recomputedHash: null,
  hashMatches: null,
  prevHash: null,
  chainMatches: null,
});

/**
 * `audit.eventContext`: the stored rows around one event (seq - radius .. seq + radius), read on a
 * read-only connection, with each row's stored and recomputed hash and its chain link. The Audit view
 * shows it beside the first failing event a verification named.
 */
export function eventContext(ctx: AppContext, raw: unknown): AuditEventContext {
  // Parsed here too: a job or test may call the service without the registry's boundary check.
  const input = AuditEventContextInput.parse(raw);
  return withReadOnlyDb(ctx.dbPath, (db) => {
    const recordedSize = recordedLogSize(db, input.log);
    if (recordedSize === null) throw new ServiceError('NOT_FOUND', `LOG_NOT_FOUND: log=${input.log}`);
    const from = Math.max(0, input.seq - input.radius);
    const to = input.seq + input.radius;
    // One row more at the start: the first shown row's chain link is checked against it.
    const stored = readStoredRows(db, input.log, Math.max(0, from - 1), to);
    const bySeq = new Map(stored.map((r) => [r.seq, r]));
    const lastStored = stored.at(-1)?.seq ?? -1;
    const rows: AuditEventRow[] = [];
    for (let seq = from; seq <= to; seq++) {
      const r = bySeq.get(seq);
      if (r) rows.push(toRow(r, bySeq.get(seq - 1), seq));
      // Past both the recorded size and the stored rows there is nothing to show; inside either, a gap is a finding.
      else if (seq < recordedSize || seq < lastStored) rows.push(missing(seq));
    }
    return { log: input.log, seq: input.seq, recordedSize, rows };
  });
}

/** `audit.checkpoints`: every signed checkpoint (or one log's), newest first, each with its key and signature checked. */
export function listCheckpoints(ctx: AppContext, filter: { log?: string } = {}): AuditCheckpointsOutput {
  const { store } = governanceOf(ctx);
  // A checkpoint signed by a replaced key is still this workstation's: name its recorded fingerprint.
  const fingerprintById = new Map(store.verifyingKeys.map((k) => [noteKeyId(store.origin, k.publicRaw).toString('hex'), k.fingerprint]));
  const logs = store.listLogs().filter((l) => filter.log === undefined || l.log === filter.log);
  if (filter.log !== undefined && logs.length === 0) throw new ServiceError('NOT_FOUND', `LOG_NOT_FOUND: log=${filter.log}`);
  const all: AuditCheckpointView[] = [];
  for (const l of logs) {
    for (const cp of store.checkpoints(l.log)) {
      all.push({
        log: cp.log,
        size: cp.size,
        root: cp.root,
        signedAt: cp.signedAt,
        keyName: cp.keyName,
        keyId: cp.keyId,
        keyFingerprint: cp.keyName === store.origin ? (fingerprintById.get(cp.keyId) ?? null) : null,
        signatureValid: checkpointSignatureProblem(store, l.log, cp) === null,
      });
    }
  }
  // Newest first; the same instant orders by log, then size, so the list is stable between calls.
  all.sort((a, b) => b.signedAt.localeCompare(a.signedAt) || a.log.localeCompare(b.log) || b.size - a.size);
  return { checkpoints: all.slice(0, MAX_CHECKPOINTS_LISTED), total: all.length, truncated: all.length > MAX_CHECKPOINTS_LISTED };
}

/** `key.public`: what `papertape key export` prints, for a reviewer to pin. The private key never leaves the store. */
export function workstationPublicKey(ctx: AppContext): WorkstationPublicKey {
  const { store } = governanceOf(ctx);
  return {
    fingerprint: store.key.fingerprint,
    publicKeyPem: store.key.publicPem,
    keyName: store.origin,
    keyId: noteKeyId(store.origin, store.key.publicRaw).toString('hex'),
    history: keyHistory(store.db).map(({ ordinal, fingerprint, recordedAt, reason }) => ({
      ordinal,
      fingerprint,
      recordedAt,
      reason,
      current: fingerprint === store.key.fingerprint,
    })),
  };
}

/** `key.export`: writes the public key PEM to a checked path (a save-dialog grant or inside the data directory). */
export function exportPublicKey(ctx: AppContext, file: string): { path: string; fingerprint: string; bytes: number } {
  const key = workstationPublicKey(ctx);
  try {
    fs.writeFileSync(file, key.publicKeyPem, { mode: 0o644 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ServiceError('IO_ERROR', `KEY_EXPORT_FAILED: path=${file}, why=${e.code ?? e.message}`);
  }
  return { path: file, fingerprint: key.fingerprint, bytes: Buffer.byteLength(key.publicKeyPem) };
}
