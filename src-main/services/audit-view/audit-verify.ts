import { VERIFICATION_CHECKS, type VerificationReport } from '../../../src-shared/audit/verification-result';
import { assertQuickCheck } from '../../store/database';
import type { AuditVerifyCheck, AuditVerifyInput, AuditVerifyReport } from '../../../src-shared/audit-view/audit-verify-call';
import { ServiceError } from '../../../src-shared/envelope';
import type { AppContext } from '../../app-context';
import { governanceOf } from '../sessions/governance';
import { verifyAudit, type VerifyProgress } from '../verification/verify-audit';

/**
 * Checks a run cannot exercise: registry-against-sessions needs every log; rollback needs something seen
 * before (the verified state an incremental run starts from, or a witness / kept checkpoint in either mode).
 */
function skipped(check: string, report: VerificationReport, logId: string | null): boolean {
  if (check.startsWith('registry.')) return logId !== null;
  if (check === 'verified.rollback') return report.mode === 'full' && report.seenCheckpointsChecked === 0;
  return false;
}

/** The CLI's report reshaped for the Audit view: every named check with its outcome, and totals. */
export function toAuditVerifyReport(report: VerificationReport, logId: string | null, verifiedAt: string): AuditVerifyReport {
  const checks: AuditVerifyCheck[] = VERIFICATION_CHECKS.map((check) => {
    const found = report.failures.filter((f) => f.check === check);
    const status = found.length > 0 ? 'fail' : skipped(check, report, logId) ? 'skip' : 'pass';
    return { check, status, failures: found.length, firstFailure: found[0] ?? null };
  });
  const logsFailed = report.logs.filter((l) => !l.ok).length;
  return {
    ok: report.ok,
    mode: report.mode,
    logId,
    logs: report.logs,
    checks,
    failures: report.failures,
    firstFailure: report.failures[0] ?? null,
    totals: {
      logs: report.logs.length,
      logsOk: report.logs.length - logsFailed,
      logsFailed,
      events: report.eventsChecked,
      checkpoints: report.logs.reduce((n, l) => n + l.checkpointsChecked, 0),
    },
    verifiedAt,
  };
}

/**
 * `audit.verify`: a full verification of the workstation store (or one log), recorded like the CLI's.
 * A worker thread runs it on its own connection in the desktop app; the handler pushes the fresh health
 * afterwards so the header's audit badge shows the outcome without a manual refresh.
 */
export function verifyAndRecord(
  input: AuditVerifyInput,
  ctx: AppContext,
  onProgress: (p: VerifyProgress) => void = () => {},
): AuditVerifyReport {
  const logId = input?.logId ?? null;
  const { store } = governanceOf(ctx);
  if (logId !== null && !store.listLogs().some((l) => l.log === logId)) {
    throw new ServiceError('NOT_FOUND', `LOG_NOT_FOUND: log=${logId}`);
  }
  assertQuickCheck(store.db);
  const report = verifyAudit(store, { mode: 'full', onProgress, ...(logId === null ? {} : { log: logId }) });
  return toAuditVerifyReport(report, logId, ctx.clock().toISOString());
}
