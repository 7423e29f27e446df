import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { ServiceError } from '../../../src-shared/envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import type { ManualOrder, OperatorActionView } from '../../../src-shared/governance/operator-action';
import { isTerminal } from '../../../src-shared/governance/session-lifecycle';
import type { AppContext } from '../../app-context';
import type { OperatorAction } from '../../pipeline/operator/operator-action';
import { writeOperatorAction } from '../../pipeline/operator/write-operator-action';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { governanceOf, registryLog, sessionLogId } from '../sessions/governance';
import { sessionRow, type SessionRow } from '../sessions/session-rows';

type Kind = 'halt' | 'resume' | 'order';

/** Only a session with a runner attached (running or paused) can receive an action; the others only record it. */
function runnerAttached(row: SessionRow): boolean {
  return row.status === 'running' || row.status === 'paused';
}

/**
 * Records an operator action first (registry log while a runner owns the session log, else the session
 * log), then (for an attached runner) drops it into the runner's inbox. The runner turns it into trading-core events; this module never trades itself.
 */
function act(ctx: AppContext, sessionId: string, kind: Kind, operator: string, reason: string, order?: ManualOrder): OperatorActionView {
  const gov = governanceOf(ctx);
  const row = sessionRow(gov.db, sessionId);
  if (isTerminal(row.status))
    throw new ServiceError('CONFLICT', `SESSION_ENDED: session=${sessionId}, status=${row.status}; operator actions need an open session.`);
  if (kind === 'resume' && row.halted !== 1)
    throw new ServiceError('CONFLICT', `NOT_HALTED: session=${sessionId}; there is no halt to resume from.`);
  if (kind === 'order' && !runnerAttached(row)) {
    throw new ServiceError(
      'REFUSED',
      `SESSION_NOT_RUNNING: session=${sessionId}, status=${row.status}; a manual order needs a running session.`,
    );
  }
  const n = (gov.db.prepare('SELECT COUNT(*) AS n FROM gov_operator_actions WHERE session_id = ?').get(sessionId) as { n: number }).n;
  const actionId = `O-${canonicalHash({ sessionId, n }).slice(0, 16)}`;
  const delivered = runnerAttached(row);
  const payload = { actionId, sessionId, kind, operator, reason, delivered, attribution: 'local' as const, ...(order ? { order } : {}) };
  // One writer per log: while a runner is attached it owns session/<id> and logs the action it applies there;
  // the request itself goes to the registry log. Without a runner the session log records it directly.
  const log = delivered ? registryLog() : sessionLogId(sessionId);
  gov.record(log, sessionId, [governanceEvent(GOV_EVENT.operatorRequested, `operator:${operator}`, payload)]);
  const ts = gov.now();
  if (delivered)
    writeOperatorAction(ctx.dataDir, sessionId, toInboxAction(kind, actionId, operator, reason, ts, order), ctx.clock().getTime());
  ctx.events.emit('sessions.changed', { sessionId, status: row.status, statusReason: row.status_reason });
  return { actionId, sessionId, kind, operator, reason, ts, delivered, attribution: 'local' };
}

function toInboxAction(kind: Kind, actionId: string, operator: string, reason: string, ts: string, order?: ManualOrder): OperatorAction {
  const base = { v: 1 as const, action_id: actionId, operator, reason, requested_at: ts };
  if (kind !== 'order') return { ...base, kind };
  const o = order!;
  return {
    ...base,
    kind,
    order: {
      contract: o.contract,
      side: o.side,
      quantity: o.quantity,
      order_type: o.orderType,
      ...(o.limitPrice !== undefined ? { limit_price: o.limitPrice } : {}),
      time_in_force: o.timeInForce,
      reduce_only: o.reduceOnly,
    },
  };
}

/** The kill switch: recorded even when already halted, because pressing it twice must never fail. */
export function haltSession(ctx: AppContext, input: { sessionId: string; operator: string; reason: string }): OperatorActionView {
  return act(ctx, input.sessionId, 'halt', input.operator, input.reason);
}

/** The only way out of a halt; the reason is required by the input schema and recorded. */
export function resumeTrading(ctx: AppContext, input: { sessionId: string; operator: string; reason: string }): OperatorActionView {
  return act(ctx, input.sessionId, 'resume', input.operator, input.reason);
}

/** A manual order goes through the same risk -> OMS -> broker path as a strategy's intent. */
export function manualOrder(
  ctx: AppContext,
  input: { sessionId: string; operator: string; reason: string; order: ManualOrder },
): OperatorActionView {
  return act(ctx, input.sessionId, 'order', input.operator, input.reason, input.order);
}
