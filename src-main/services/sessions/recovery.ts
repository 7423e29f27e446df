import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { GOV_EVENT, INTERRUPTED_REASON } from '../../../src-shared/governance/governance-event-types';
import type { AppContext } from '../../app-context';
import { describeBreak, reconcilePortfolio, type ReconciliationResult } from '../../../src-shared/governance/reconciliation';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { governanceOf, sealSessionLog, sessionLogId, type Governance } from './governance';
import { recoverOnOpen } from '../verification/recover-on-open';
import { runningElsewhere } from '../session-execution/run-lease';
import { readLog } from './log-reader';
import { listSessionRows } from './session-rows';
import { recordSessionMetrics, transitionSession } from './session-service';

export interface RecoveryReport {
  sessionId: string;
  previousStatus: string;
  reconciliation: ReconciliationResult;
}

/**
 * On open, a session still marked running or paused lost its runner with the process: it is
 * marked aborted (INTERRUPTED), its portfolio is rebuilt from the logged fills and compared with
 * the last logged snapshot, and every mismatch becomes a reconciliation break and an open incident.
 */
export function recoverInterruptedSessions(gov: Governance): RecoveryReport[] {
  const stranded = [...listSessionRows(gov.db, { status: 'running' }), ...listSessionRows(gov.db, { status: 'paused' })].filter(
    // A session another process is still running (a second terminal, the app) is not interrupted.
    (row) => !runningElsewhere(gov.ctx.dataDir, row.id),
  );
  const reports: RecoveryReport[] = [];
  for (const row of stranded) {
    transitionSession(gov, row.id, 'abort', 'system', `${INTERRUPTED_REASON} (was ${row.status})`);
    openIncident(gov, row.id, 'interrupted_session', `INTERRUPTED: session=${row.id}, was=${row.status}`);
    const reconciliation = reconcileSession(gov, row.id);
    recordSessionMetrics(gov, row.id);
    sealSessionLog(gov, row.id);
    reports.push({ sessionId: row.id, previousStatus: row.status, reconciliation });
  }
  return reports;
}

/** Rebuilds positions from fills, compares with the stored snapshot, and records the outcome either way. */
export function reconcileSession(gov: Governance, sessionId: string): ReconciliationResult {
  const result = reconcilePortfolio(readLog(gov.store, sessionLogId(sessionId)));
  gov.record(sessionLogId(sessionId), sessionId, [
    governanceEvent(GOV_EVENT.reconciliationChecked, 'system', {
      sessionId,
      snapshotFound: result.snapshotIndex !== null,
      fromFills: result.fromFills,
      fromSnapshot: result.fromSnapshot,
      breaks: result.breaks.length,
    }),
  ]);
  for (const b of result.breaks) {
    const breakId = `B-${canonicalHash({ sessionId, contract: b.contract }).slice(0, 16)}`;
    gov.record(sessionLogId(sessionId), sessionId, [
      governanceEvent(GOV_EVENT.reconciliationBreak, 'system', {
        breakId,
        sessionId,
        contract: b.contract,
        fromFills: b.fromFills,
        fromSnapshot: b.fromSnapshot,
      }),
    ]);
    openIncident(gov, sessionId, 'reconciliation_break', describeBreak(b));
  }
  return result;
}

function openIncident(gov: Governance, sessionId: string, kind: 'reconciliation_break' | 'interrupted_session', detail: string): void {
  const n = (gov.db.prepare('SELECT COUNT(*) AS n FROM gov_incidents WHERE session_id = ?').get(sessionId) as { n: number }).n;
  const incidentId = `I-${canonicalHash({ sessionId, n }).slice(0, 16)}`;
  gov.record(sessionLogId(sessionId), sessionId, [
    governanceEvent(GOV_EVENT.incidentOpened, 'system', { incidentId, sessionId, kind, detail }),
  ]);
  gov.ctx.events.emit('incidents.changed', { sessionId, incidentId });
}

/**
 * Crash recovery when a workstation's store opens: verify and anchor every log's tail, then settle the
 * sessions a dead process left running. The app and the CLI wire it in (workstation-context.ts).
 */
export function recoverOnStoreOpen(ctx: AppContext): void {
  const gov = governanceOf(ctx);
  // Verify every log's tail and anchor it with a checkpoint first, unless another process is writing one now.
  const busy = [...listSessionRows(gov.db, { status: 'running' }), ...listSessionRows(gov.db, { status: 'paused' })].some((row) =>
    runningElsewhere(gov.ctx.dataDir, row.id),
  );
  if (!busy) recoverOnOpen(gov.store);
  recoverInterruptedSessions(gov);
}
