import { ServiceError } from '../../../src-shared/envelope';
import type { SessionView } from '../../../src-shared/governance/session-view';
import type { AppContext } from '../../app-context';
import { createSqliteSink } from '../../store/sqlite-sink';
import { releasedIntents, requestIntentApproval } from '../approvals/approval-service';
import { laneConfig } from '../lanes/lane-service';
import { governanceOf, sealSessionLog, type Governance } from './governance';
import { sessionRunnerOf, type SessionRunOutcome } from './session-runner-port';
import { sessionRow, sessionSpec } from './session-rows';
import { recordSessionMetrics, transitionSession } from './session-service';

/** Resolves when the session's runner (if any in this process) has finished and its end is recorded. */
export async function whenSettled(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.state.runsInFlight.get(sessionId);
}

export function isRunInFlight(ctx: AppContext, sessionId: string): boolean {
  return ctx.state.runsInFlight.has(sessionId);
}

/**
 * Starts a scheduled session: refuses when no runner is wired or the lane has no paper capital
 * (fail closed), records `running`, then hands the session to the runner without waiting for it.
 */
export function startSession(ctx: AppContext, sessionId: string, actor: string): SessionView {
  const gov = governanceOf(ctx);
  const row = sessionRow(gov.db, sessionId);
  const runner = sessionRunnerOf(ctx);
  if (row.status === 'scheduled') {
    if (!runner) throw new ServiceError('REFUSED', 'NO_RUNNER: this build has no session runner wired; nothing was started.');
    const config = laneConfig(gov, row.lane);
    if (config.paperCapitalCents === 0) {
      throw new ServiceError(
        'REFUSED',
        `LIMIT_IS_ZERO: lane=${row.lane}, paper_capital=0; configure the lane's capital and risk envelope (lanes.configure) before starting.`,
      );
    }
  }
  const view = transitionSession(gov, sessionId, 'start', `operator:${actor}`, null);
  const config = laneConfig(gov, row.lane);
  const sink = createSqliteSink(gov.store);
  // Handed-out intents are remembered per run: an interrupted run is never resumed, so memory suffices.
  const taken = new Set<string>();
  const run = Promise.resolve()
    .then(() =>
      runner!({
        sessionId,
        spec: sessionSpec(row),
        specHash: row.spec_hash,
        lane: row.lane,
        laneConfig: config,
        sink,
        dataDir: ctx.dataDir,
        requiresApproval: row.requires_approval === 1,
        status: () => sessionRow(gov.db, sessionId).status,
        requestApproval: (intent) => requestIntentApproval(ctx, sessionId, intent).id,
        takeReleasedIntents: () => {
          const fresh = releasedIntents(ctx, sessionId).filter((r) => !taken.has(r.approvalId));
          for (const r of fresh) taken.add(r.approvalId);
          return fresh.map((r) => r.intent);
        },
        sealed: () => {
          if (gov.db.open) sealSessionLog(gov, sessionId);
        },
        progress: () => {
          if (!gov.db.open) return;
          const r = sessionRow(gov.db, sessionId);
          ctx.events.emit('sessions.changed', { sessionId, status: r.status, statusReason: r.status_reason });
        },
      }),
    )
    .then(
      (outcome) => finishRun(gov, sessionId, outcome),
      (err: unknown) =>
        finishRun(gov, sessionId, { status: 'aborted', reason: `RUNNER_FAILED: ${err instanceof Error ? err.message : String(err)}` }),
    )
    .finally(() => ctx.state.runsInFlight.delete(sessionId));
  ctx.state.runsInFlight.set(sessionId, run);
  return view;
}

/** A run that ends after someone stopped it only adds its metrics; the stop already set its status. */
function finishRun(gov: Governance, sessionId: string, outcome: SessionRunOutcome): void {
  if (!gov.db.open) return;
  const status = sessionRow(gov.db, sessionId).status;
  if (status === 'running' || status === 'paused') {
    if (outcome.status === 'completed' && status === 'running') transitionSession(gov, sessionId, 'complete', 'system', null);
    else transitionSession(gov, sessionId, 'abort', 'system', outcome.reason ?? `RUNNER_ENDED: status=${outcome.status}, while=${status}`);
  }
  recordSessionMetrics(gov, sessionId);
  sealSessionLog(gov, sessionId);
}

export function pauseSession(ctx: AppContext, sessionId: string, actor: string, reason: string | null): SessionView {
  return transitionSession(governanceOf(ctx), sessionId, 'pause', `operator:${actor}`, reason);
}

export function resumeSession(ctx: AppContext, sessionId: string, actor: string, reason: string | null): SessionView {
  return transitionSession(governanceOf(ctx), sessionId, 'resume', `operator:${actor}`, reason);
}

/** Stopping ends the session as aborted with the operator's reason; a running runner sees it and stops. */
export function stopSession(ctx: AppContext, sessionId: string, actor: string, reason: string): SessionView {
  const gov = governanceOf(ctx);
  const view = transitionSession(gov, sessionId, 'abort', `operator:${actor}`, `STOPPED_BY_OPERATOR: operator=${actor}, reason=${reason}`);
  if (!isRunInFlight(ctx, sessionId)) recordSessionMetrics(gov, sessionId);
  return view;
}
