import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { GOV_EVENT, isOperatorRequest } from '../../../src-shared/governance/governance-event-types';
import type { Db } from '../../store/database';

type P = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Applies one logged event to the governance tables. It reads only the event, so replaying the
 * logs in order rebuilds exactly the same tables. Events it does not own (the pipeline's) are ignored.
 */
export function projectEvent(db: Db, e: PipelineEvent): void {
  const p = e.payload as P;
  switch (e.type) {
    case GOV_EVENT.sessionCreated:
      db.prepare(
        `INSERT INTO gov_sessions (id, day, day_no, lane, owner, spec_hash, spec_json, strategy_id, data_fingerprints_json, code_version,
           requires_approval, status, status_reason, halted, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', NULL, 0, ?, ?)`,
      ).run(
        str(p.sessionId),
        str(p.day),
        Number(p.dayNo),
        str(p.lane),
        str(p.owner),
        str(p.specHash),
        JSON.stringify(p.spec),
        strOrNull(p.strategyId),
        JSON.stringify(p.dataFingerprints ?? []),
        str(p.codeVersion),
        p.requiresApproval ? 1 : 0,
        e.ts,
        e.ts,
      );
      return;
    case GOV_EVENT.sessionTransitioned: {
      const to = str(p.to);
      const cols =
        to === 'running'
          ? 'started_at = COALESCE(started_at, @ts), paused_at = NULL'
          : to === 'paused'
            ? 'paused_at = @ts'
            : 'ended_at = @ts';
      db.prepare(
        `UPDATE gov_sessions SET status = @to, status_reason = @reason, ${cols}, updated_at = MAX(updated_at, @ts) WHERE id = @id`,
      ).run({
        to,
        reason: strOrNull(p.reason),
        ts: e.ts,
        id: str(p.sessionId),
      });
      return;
    }
    case GOV_EVENT.sessionMetrics:
      db.prepare('UPDATE gov_sessions SET metrics_json = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
        JSON.stringify(p.metrics),
        e.ts,
        str(p.sessionId),
      );
      return;
    case GOV_EVENT.laneConfigured:
      db.prepare(
        `INSERT INTO gov_lanes (lane, config_json, configured_by, configured_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (lane) DO UPDATE SET config_json = excluded.config_json, configured_by = excluded.configured_by, configured_at = excluded.configured_at`,
      ).run(str(p.lane), JSON.stringify(p.config), str(p.actor), e.ts);
      return;
    case GOV_EVENT.promotionRequested:
      db.prepare(
        `INSERT INTO gov_promotions (id, strategy_id, from_lane, to_lane, requested_by, reason, requested_at, evaluation_json, status, decision_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL)`,
      ).run(
        str(p.promotionId),
        str(p.strategyId),
        str(p.fromLane),
        str(p.toLane),
        str(p.requestedBy),
        str(p.reason),
        e.ts,
        JSON.stringify(p.evaluation),
      );
      return;
    case GOV_EVENT.promotionDecided:
      db.prepare('UPDATE gov_promotions SET status = ?, decision_json = ? WHERE id = ?').run(
        str(p.decision),
        JSON.stringify({ reviewer: p.reviewer, decision: p.decision, reason: p.reason, ts: e.ts, evaluation: p.evaluation }),
        str(p.promotionId),
      );
      return;
    case GOV_EVENT.approvalQueued: {
      const ord = (db.prepare('SELECT COUNT(*) AS n FROM gov_approvals WHERE session_id = ?').get(str(p.sessionId)) as { n: number }).n;
      db.prepare(
        `INSERT INTO gov_approvals (id, session_id, status, intent_json, decisions_json, queued_at, ord) VALUES (?, ?, ?, ?, '[]', ?, ?)`,
      ).run(str(p.approvalId), str(p.sessionId), str(p.status), JSON.stringify(p.intent), e.ts, ord);
      return;
    }
    case GOV_EVENT.approvalDecided: {
      const row = db.prepare('SELECT decisions_json FROM gov_approvals WHERE id = ?').get(str(p.approvalId)) as
        { decisions_json: string } | undefined;
      if (!row) return;
      const decisions = [
        ...(JSON.parse(row.decisions_json) as unknown[]),
        { stage: p.stage, reviewer: p.reviewer, outcome: p.outcome, reason: p.reason, ts: e.ts },
      ];
      db.prepare('UPDATE gov_approvals SET status = ?, decisions_json = ? WHERE id = ?').run(
        str(p.status),
        JSON.stringify(decisions),
        str(p.approvalId),
      );
      return;
    }
    case GOV_EVENT.operatorRequested:
    case 'operator.action': {
      // `operator.action` is the runner's applied action, except in logs from before requests had their own name.
      if (!isOperatorRequest(e)) return;
      const kind = str(p.kind);
      db.prepare(
        `INSERT INTO gov_operator_actions (id, session_id, kind, operator, reason, payload_json, ts, delivered) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(str(p.actionId), str(p.sessionId), kind, str(p.operator), str(p.reason), JSON.stringify(p), e.ts, p.delivered ? 1 : 0);
      if (kind === 'halt' || kind === 'resume') {
        db.prepare('UPDATE gov_sessions SET halted = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
          kind === 'halt' ? 1 : 0,
          e.ts,
          str(p.sessionId),
        );
      }
      return;
    }
    case GOV_EVENT.incidentOpened:
      db.prepare(`INSERT INTO gov_incidents (id, session_id, kind, detail, status, opened_at) VALUES (?, ?, ?, ?, 'open', ?)`).run(
        str(p.incidentId),
        str(p.sessionId),
        str(p.kind),
        str(p.detail),
        e.ts,
      );
      return;
    case GOV_EVENT.incidentResolved:
      db.prepare(
        `UPDATE gov_incidents SET status = 'resolved', resolved_by = ?, resolved_reason = ?, resolved_at = ? WHERE id = ? AND status = 'open'`,
      ).run(str(p.actor), str(p.reason), e.ts, str(p.incidentId));
      return;
    default:
      return;
  }
}
