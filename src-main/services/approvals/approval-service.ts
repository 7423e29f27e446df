import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import { ServiceError } from '../../../src-shared/envelope';
import {
  applyReviewDecision,
  initialApprovalStatus,
  type ApprovalStatus,
  type ReviewOutcome,
  type ReviewStage,
  type StageDecision,
} from '../../../src-shared/governance/approval-rules';
import type { ApprovalView } from '../../../src-shared/governance/approval-view';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import { isTerminal } from '../../../src-shared/governance/session-lifecycle';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { governanceOf, notFound, registryLog, type Governance } from '../sessions/governance';
import { sessionRow } from '../sessions/session-rows';
import { whereEquals } from '../sessions/sql-filter';

interface ApprovalRow {
  id: string;
  session_id: string;
  status: ApprovalStatus;
  intent_json: string;
  decisions_json: string;
  queued_at: string;
}

function toView(r: ApprovalRow): ApprovalView {
  return {
    id: r.id,
    sessionId: r.session_id,
    status: r.status,
    intent: JSON.parse(r.intent_json) as JsonObject,
    decisions: JSON.parse(r.decisions_json) as StageDecision[],
    queuedAt: r.queued_at,
    attribution: 'local',
  };
}

function approvalRow(gov: Governance, id: string): ApprovalRow {
  const r = gov.db.prepare('SELECT * FROM gov_approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
  if (!r) throw notFound('approval', id);
  return r;
}

/** One writer per log: while a runner owns session/<id> (running or paused), approvals go to the registry log. */
function approvalLog(gov: Governance, sessionId: string): string {
  const status = sessionRow(gov.db, sessionId).status;
  return status === 'running' || status === 'paused' ? registryLog() : sessionLogId(sessionId);
}

/**
 * Queues an intent for review (called by the runner of a session that requires approval). The id
 * derives from the session and the intent's idempotency key, so a replayed request queues nothing new.
 */
export function requestIntentApproval(ctx: AppContext, sessionId: string, intent: JsonObject): ApprovalView {
  const gov = governanceOf(ctx);
  sessionRow(gov.db, sessionId);
  const key = typeof intent.idempotencyKey === 'string' ? intent.idempotencyKey : canonicalHash(intent);
  const id = `A-${canonicalHash({ sessionId, key }).slice(0, 16)}`;
  const existing = gov.db.prepare('SELECT * FROM gov_approvals WHERE id = ?').get(id) as ApprovalRow | undefined;
  if (existing) return toView(existing);
  const status = initialApprovalStatus();
  gov.record(approvalLog(gov, sessionId), sessionId, [
    governanceEvent(GOV_EVENT.approvalQueued, 'system', { approvalId: id, sessionId, status, intent }),
  ]);
  ctx.events.emit('approvals.changed', { sessionId, approvalId: id, status });
  return toView(approvalRow(gov, id));
}

export function listApprovals(ctx: AppContext, filter: { sessionId?: string; status?: ApprovalStatus } = {}): ApprovalView[] {
  const gov = governanceOf(ctx);
  const { sql: where, args } = whereEquals({ session_id: filter.sessionId, status: filter.status });
  const sql = `SELECT * FROM gov_approvals ${where} ORDER BY session_id, ord`;
  return (gov.db.prepare(sql).all(...args) as ApprovalRow[]).map(toView);
}

/**
 * Records one reviewer's decision. The rule (src-shared/governance/approval-rules) refuses a risk
 * review before the research review, a second decision for a stage, and one reviewer doing both.
 * Reviewer names are local attribution, not authentication.
 */
export function decideApproval(
  ctx: AppContext,
  input: { approvalId: string; stage: ReviewStage; reviewer: string; outcome: ReviewOutcome; reason: string },
): ApprovalView {
  const gov = governanceOf(ctx);
  const row = approvalRow(gov, input.approvalId);
  const session = sessionRow(gov.db, row.session_id);
  if (isTerminal(session.status)) {
    throw new ServiceError(
      'REFUSED',
      `SESSION_ENDED: session=${row.session_id}, status=${session.status}; its intents can no longer be released.`,
    );
  }
  const prior = JSON.parse(row.decisions_json) as StageDecision[];
  const check = applyReviewDecision(row.status, prior, input);
  if (!check.ok) throw new ServiceError(check.code, check.reason);
  gov.record(approvalLog(gov, row.session_id), row.session_id, [
    governanceEvent(GOV_EVENT.approvalDecided, `reviewer:${input.reviewer}`, {
      approvalId: row.id,
      sessionId: row.session_id,
      stage: input.stage,
      reviewer: input.reviewer,
      outcome: input.outcome,
      reason: input.reason,
      status: check.status,
      attribution: 'local',
    }),
  ]);
  ctx.events.emit('approvals.changed', { sessionId: row.session_id, approvalId: row.id, status: check.status });
  return toView(approvalRow(gov, row.id));
}

/** Fully approved intents of a session, in queue order: the only intents a runner may submit. */
export function releasedIntents(ctx: AppContext, sessionId: string): { approvalId: string; intent: JsonObject }[] {
  return listApprovals(ctx, { sessionId, status: 'released' }).map((a) => ({ approvalId: a.id, intent: a.intent }));
}
