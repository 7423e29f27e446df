import type { IncidentView } from '../../../src-shared/governance/incident-view';
import type { AppContext } from '../../app-context';
import { governanceOf } from './governance';
import { whereEquals } from './sql-filter';

export function listIncidents(ctx: AppContext, filter: { sessionId?: string; status?: 'open' | 'resolved' } = {}): IncidentView[] {
  const gov = governanceOf(ctx);
  const { sql: where, args } = whereEquals({ session_id: filter.sessionId, status: filter.status });
  const sql = `SELECT id, session_id AS sessionId, kind, detail, status, opened_at AS openedAt FROM gov_incidents ${where} ORDER BY opened_at, id`;
  return gov.db.prepare(sql).all(...args) as IncidentView[];
}
