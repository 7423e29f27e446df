import { REGISTRY_LOG, SESSION_CHECKPOINT_EVENT, sessionLogId } from '../../src-shared/audit/audit-envelope';
import { assertGovernanceEvent, governanceEvent } from '../../src-shared/events/governance-catalog';
import type { AuditStore, SignedCheckpoint } from './audit-log';

/**
 * Signs a session log's checkpoint and records it in the registry log, so a session log deleted or
 * replaced later is detectable against the registry. Call when a session pauses, stops or completes.
 */
export function recordSessionCheckpoint(
  store: AuditStore,
  sessionId: string,
  ts: string,
  actor = 'system',
): { session: SignedCheckpoint; registry: SignedCheckpoint } {
  const session = store.checkpoint(sessionLogId(sessionId));
  const e = governanceEvent(SESSION_CHECKPOINT_EVENT, actor, {
    session_id: sessionId,
    log: session.log,
    size: session.size,
    root: Buffer.from(session.root, 'hex').toString('base64'),
    note: session.note,
  });
  store.append(REGISTRY_LOG, sessionId, [{ ...assertGovernanceEvent(e), ts }]);
  return { session, registry: store.checkpoint(REGISTRY_LOG) };
}
