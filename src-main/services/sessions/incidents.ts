import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { ServiceError } from '../../../src-shared/envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import type { IncidentView } from '../../../src-shared/governance/incident-view';
import type { AppContext } from '../../app-context';
import { governanceOf, notFound, sealSessionLog, sessionLogId, type Governance } from './governance';
import { sessionRow } from './session-rows';
import { whereEquals } from './sql-filter';

const COLUMNS = `id, session_id AS sessionId, kind, detail, status, opened_at AS openedAt,
  resolved_by AS resolvedBy, resolved_reason AS resolvedReason, resolved_at AS resolvedAt`;

export function listIncidents(ctx: AppContext, filter: { sessionId?: string; status?: 'open' | 'resolved' } = {}): IncidentView[] {
  const gov = governanceOf(ctx);
  const { sql: where, args } = whereEquals({ session_id: filter.sessionId, status: filter.status });
  const sql = `SELECT ${COLUMNS} FROM gov_incidents ${where} ORDER BY opened_at, id`;
  return gov.db.prepare(sql).all(...args) as IncidentView[];
}

function incident(gov: Governance, id: string): IncidentView {
  const row = gov.db.prepare(`SELECT ${COLUMNS} FROM gov_incidents WHERE id = ?`).get(id) as IncidentView | undefined;
  if (!row) throw notFound('incident', id);
  return row;
}

/**
 * Resolves an open incident with a name and a reason, recorded as `incident.resolved` in the log
 * that holds its `incident.opened` (the session log), so a rebuild from the logs sees the open
 * before the resolution. While a runner owns that log (running, paused) it is refused: one writer per log.
 */
export function resolveIncident(
  ctx: AppContext,
  input: { incidentId: string; actor: string; reason: string },
): { incident: IncidentView; attribution: 'local' } {
  const gov = governanceOf(ctx);
  const before = incident(gov, input.incidentId);
  if (before.status !== 'open') {
    throw new ServiceError(
      'CONFLICT',
      `INCIDENT_RESOLVED: incident=${before.id} was resolved by ${before.resolvedBy ?? '?'} at ${before.resolvedAt ?? '?'}.`,
    );
  }
  const status = sessionRow(gov.db, before.sessionId).status;
  if (status === 'running' || status === 'paused') {
    throw new ServiceError(
      'CONFLICT',
      `SESSION_ACTIVE: session=${before.sessionId}, status=${status}; resolve its incidents once it has ended.`,
    );
  }
  gov.record(sessionLogId(before.sessionId), before.sessionId, [
    governanceEvent(GOV_EVENT.incidentResolved, `operator:${input.actor}`, {
      incidentId: before.id,
      sessionId: before.sessionId,
      actor: input.actor,
      reason: input.reason,
      attribution: 'local',
    }),
  ]);
  // The session log grew after it was sealed: sign a checkpoint that covers the resolution too.
  sealSessionLog(gov, before.sessionId);
  ctx.events.emit('incidents.changed', { sessionId: before.sessionId, incidentId: before.id });
  return { incident: incident(gov, before.id), attribution: 'local' };
}
