import { REGISTRY_LOG, SESSION_CHECKPOINT_EVENT, sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import { TERMINAL_STATUSES, type SessionStatus } from '../../../src-shared/governance/session-lifecycle';
import type { AuditStore } from '../../store/audit-log';
import { readGovernancePayload } from '../../../src-shared/events/governance-catalog';

/** What the registry log says about one session: that it exists, where its lifecycle stands, and the size it last sealed. */
export interface RegistrySession {
  sessionId: string;
  log: string;
  /** Seq of its session.created in the registry. */
  createdSeq: number;
  /** The `to` of its last session.transitioned; `scheduled` until one is recorded. */
  status: SessionStatus;
  /** The size in its last audit.session_checkpoint and that event's registry seq; null before any. */
  sealed: { size: number; registrySeq: number } | null;
}

export interface RegistryIndex {
  /** By session log id (`session/<id>`). */
  sessions: Map<string, RegistrySession>;
}

/**
 * Reads the registry log once. The registry is the one authority on which session logs may exist
 * and which of them may still grow: a log it never created was made up, and a finished session
 * whose log holds more than its last recorded seal was appended to after it ended.
 */
export function readRegistryIndex(store: AuditStore): RegistryIndex {
  const sessions = new Map<string, RegistrySession>();
  if (store.size(REGISTRY_LOG) === 0) return { sessions };
  for (const ev of store.readEvents(REGISTRY_LOG)) {
    // Read with the governance catalog: an event that is not its type's shape registers nothing, so a
    // session whose record is malformed counts as never created (registry.session_unknown), not guessed at.
    const e = JSON.parse(ev.canonical) as { type: string; payload: unknown };
    if (e.type === GOV_EVENT.sessionCreated) {
      const p = readGovernancePayload(GOV_EVENT.sessionCreated, e.payload);
      if (p && !sessions.has(p.log) && p.log === sessionLogId(p.sessionId))
        sessions.set(p.log, { sessionId: p.sessionId, log: p.log, createdSeq: ev.seq, status: 'scheduled', sealed: null });
    } else if (e.type === GOV_EVENT.sessionTransitioned) {
      const p = readGovernancePayload(GOV_EVENT.sessionTransitioned, e.payload);
      const s = p ? sessions.get(sessionLogId(p.sessionId)) : undefined;
      if (p && s) s.status = p.to;
    } else if (e.type === SESSION_CHECKPOINT_EVENT) {
      const p = readGovernancePayload(SESSION_CHECKPOINT_EVENT, e.payload);
      const s = p ? sessions.get(p.log) : undefined;
      if (p && s) s.sealed = { size: p.size, registrySeq: ev.seq };
    }
  }
  return { sessions };
}

/** Finished sessions never grow without a new seal recorded in the registry. */
export function isSealedStatus(status: SessionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** A session the registry says may still be written (its tail may be signed on recovery). */
export function mayStillGrow(index: RegistryIndex, log: string): boolean {
  const s = index.sessions.get(log);
  return s !== undefined && !isSealedStatus(s.status);
}
