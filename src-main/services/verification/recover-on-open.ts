import { REGISTRY_LOG, parseLogId } from '../../../src-shared/audit/audit-envelope';
import type { VerificationReport } from '../../../src-shared/audit/verification-result';
import { mayStillGrow, readRegistryIndex } from './registry-index';
import { verifyAudit } from './verify-audit';
import type { AuditStore } from '../../store/audit-log';
import { recordSessionCheckpoint } from '../../store/session-checkpoint';

export interface RecoveryReport {
  /** Logs with committed events past their last signed checkpoint (a run that stopped without its final checkpoint). */
  interrupted: { log: string; checkpointedSize: number; size: number }[];
  verification: VerificationReport;
  /** Logs whose verified tail was anchored by a new signed checkpoint. */
  anchored: string[];
  /** Unsigned tails left alone: the registry does not say the session was still running, so no one may sign them. */
  refused: { log: string; reason: string }[];
}

/**
 * Run on open, before any new append: verifies each log from where the last verification stopped
 * (so an interrupted tail is read and checked), then signs checkpoints over verified tails, so a
 * later rewrite of them is caught. Only the registry's own tail and the tails of sessions the
 * registry says were still running are signed, and a session's signing is recorded in the
 * registry: anything else past a seal was written by someone other than a run, and signing it
 * would launder it. A log that fails verification is left unsigned for a person to look at.
 */
export function recoverOnOpen(store: AuditStore): RecoveryReport {
  const interrupted = store
    .listLogs()
    .map((l) => ({ log: l.log, size: l.size, checkpointedSize: store.checkpoints(l.log).at(-1)?.size ?? 0 }))
    .filter((l) => l.size > l.checkpointedSize);
  const verification = verifyAudit(store, { mode: 'incremental' });
  const anchored: string[] = [];
  const refused: RecoveryReport['refused'] = [];
  if (store.db.readonly) return { interrupted, verification, anchored, refused };
  const failed = (log: string) => verification.failures.some((f) => f.log === log);
  const registryOk = !failed(REGISTRY_LOG);
  const index = registryOk ? readRegistryIndex(store) : null;
  for (const l of interrupted) {
    if (failed(l.log)) {
      refused.push({ log: l.log, reason: 'it failed verification' });
      continue;
    }
    if (l.log === REGISTRY_LOG) {
      store.checkpoint(l.log);
      anchored.push(l.log);
      continue;
    }
    const sessionId = parseLogId(l.log)?.sessionId ?? null;
    if (!index || sessionId === null || !mayStillGrow(index, l.log)) {
      refused.push({
        log: l.log,
        reason: index ? 'the registry does not record it as a running session' : 'the registry failed verification',
      });
      continue;
    }
    recordSessionCheckpoint(store, sessionId, new Date(store.clock()).toISOString());
    anchored.push(l.log);
  }
  return { interrupted, verification, anchored, refused };
}
