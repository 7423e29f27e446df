import type { VerificationReport } from '../../src-shared/audit/verification-result';
import { verifyAudit } from '../services/verification/verify-audit';
import type { AuditStore } from './audit-log';

export interface RecoveryReport {
  /** Logs with committed events past their last signed checkpoint (a run that stopped without its final checkpoint). */
  interrupted: { log: string; checkpointedSize: number; size: number }[];
  verification: VerificationReport;
  /** Logs whose verified tail was anchored by a new signed checkpoint. */
  anchored: string[];
}

/**
 * Run on open, before any new append: verifies each log from where the last verification stopped
 * (so an interrupted tail is read and checked), then signs checkpoints over verified tails, so a
 * later rewrite of them is caught. A log that fails verification is left unsigned for a person to look at.
 */
export function recoverOnOpen(store: AuditStore): RecoveryReport {
  const interrupted = store
    .listLogs()
    .map((l) => ({ log: l.log, size: l.size, checkpointedSize: store.checkpoints(l.log).at(-1)?.size ?? 0 }))
    .filter((l) => l.size > l.checkpointedSize);
  const verification = verifyAudit(store, { mode: 'incremental' });
  const anchored: string[] = [];
  if (!store.db.readonly) {
    for (const l of interrupted) {
      if (verification.failures.some((f) => f.log === l.log)) continue;
      store.checkpoint(l.log);
      anchored.push(l.log);
    }
  }
  return { interrupted, verification, anchored };
}
