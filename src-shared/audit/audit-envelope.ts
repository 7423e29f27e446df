import type { JsonObject } from '../json';

/** The hashed envelope version; bump only with a new verification rule for the new shape. */
export const AUDIT_ENVELOPE_VERSION = 1;

/** prev_hash of the first event of every log. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** The one workstation registry log; each session has its own log `session/<id>`. */
export const REGISTRY_LOG = 'registry';
export const SESSION_LOG_PREFIX = 'session/';

export type AuditLogKind = 'registry' | 'session';

/** Exactly the object whose RFC 8785 bytes are stored and hashed (snake_case on purpose: these names are the file format). */
export interface AuditEnvelope {
  v: number;
  log: string;
  seq: number;
  ts: string;
  type: string;
  session_id: string | null;
  actor: string;
  payload: JsonObject;
  prev_hash: string;
}

export const ENVELOPE_KEYS: readonly (keyof AuditEnvelope)[] = [
  'v',
  'log',
  'seq',
  'ts',
  'type',
  'session_id',
  'actor',
  'payload',
  'prev_hash',
];

export function sessionLogId(sessionId: string): string {
  return SESSION_LOG_PREFIX + sessionId;
}

/** The kind and session of a log id, or null when the id is neither `registry` nor `session/<id>`. */
export function parseLogId(log: string): { kind: AuditLogKind; sessionId: string | null } | null {
  if (log === REGISTRY_LOG) return { kind: 'registry', sessionId: null };
  if (log.startsWith(SESSION_LOG_PREFIX)) {
    const sessionId = log.slice(SESSION_LOG_PREFIX.length);
    if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(sessionId)) return { kind: 'session', sessionId };
  }
  return null;
}

/** The registry event that records a session log's signed checkpoint (see recordSessionCheckpoint). */
export const SESSION_CHECKPOINT_EVENT = 'audit.session_checkpoint';
