import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { GOV_EVENT, isOperatorRequest } from '../../../src-shared/governance/governance-event-types';
import type { Db } from '../../store/database';
import { readGovernancePayload } from '../../../src-shared/events/governance-catalog';

/** A JSON column holds the value exactly as the log does (canonical key order), not as a schema re-built it. */
function asLogged(e: PipelineEvent, key: string): string {
  return JSON.stringify(e.payload[key]);
}

/**
 * Applies one logged event to the governance tables. It reads only the event, so replaying the
 * logs in order rebuilds exactly the same tables. Events it does not own (the pipeline's) are ignored,
 * and so is one whose payload is not its type's shape in the governance catalog: a projection never
 * guesses, and a rebuild from the log skips it the same way.
 */
export function projectEvent(db: Db, e: PipelineEvent): void {
  switch (e.type) {
    case GOV_EVENT.sessionCreated: {
      const p = readGovernancePayload(GOV_EVENT.sessionCreated, e.payload);
      if (!p) return;
      db.prepare(
        `INSERT INTO gov_sessions (id, day, day_no, lane, owner, spec_hash, spec_json, strategy_id, data_fingerprints_json, code_version,
           requires_approval, status, status_reason, halted, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', NULL, 0, ?, ?)`,
      ).run(
        p.sessionId,
        p.day,
        p.dayNo,
        p.lane,
        p.owner,
        p.specHash,
        asLogged(e, 'spec'),
        p.strategyId,
        asLogged(e, 'dataFingerprints'),
        p.codeVersion,
        p.requiresApproval ? 1 : 0,
        e.ts,
        e.ts,
      );
      return;
    }
    case GOV_EVENT.sessionTransitioned: {
      const p = readGovernancePayload(GOV_EVENT.sessionTransitioned, e.payload);
      if (!p) return;
      const cols =
        p.to === 'running'
          ? 'started_at = COALESCE(started_at, @ts), paused_at = NULL'
          : p.to === 'paused'
            ? 'paused_at = @ts'
            : 'ended_at = @ts';
      db.prepare(
        `UPDATE gov_sessions SET status = @to, status_reason = @reason, ${cols}, updated_at = MAX(updated_at, @ts) WHERE id = @id`,
      ).run({ to: p.to, reason: p.reason, ts: e.ts, id: p.sessionId });
      return;
    }
    case GOV_EVENT.sessionMetrics: {
      const p = readGovernancePayload(GOV_EVENT.sessionMetrics, e.payload);
      if (!p) return;
      db.prepare('UPDATE gov_sessions SET metrics_json = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
        asLogged(e, 'metrics'),
        e.ts,
        p.sessionId,
      );
      return;
    }
    case GOV_EVENT.sessionTagged: {
      const p = readGovernancePayload(GOV_EVENT.sessionTagged, e.payload);
      if (!p) return;
      const cleared = p.tag === 'none';
      db.prepare(
        'UPDATE gov_sessions SET tag = ?, tag_reason = ?, tagged_by = ?, tagged_at = ?, updated_at = MAX(updated_at, ?) WHERE id = ?',
      ).run(cleared ? null : p.tag, cleared ? null : p.reason, cleared ? null : p.by, cleared ? null : e.ts, e.ts, p.sessionId);
      return;
    }
    case GOV_EVENT.laneConfigured: {
      const p = readGovernancePayload(GOV_EVENT.laneConfigured, e.payload);
      if (!p) return;
      db.prepare(
        `INSERT INTO gov_lanes (lane, config_json, configured_by, configured_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (lane) DO UPDATE SET config_json = excluded.config_json, configured_by = excluded.configured_by, configured_at = excluded.configured_at`,
      ).run(p.lane, asLogged(e, 'config'), p.actor, e.ts);
      return;
    }
    case GOV_EVENT.promotionRequested: {
      const p = readGovernancePayload(GOV_EVENT.promotionRequested, e.payload);
      if (!p) return;
      db.prepare(
        `INSERT INTO gov_promotions (id, strategy_id, from_lane, to_lane, requested_by, reason, requested_at, evaluation_json, status, decision_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', NULL)`,
      ).run(p.promotionId, p.strategyId, p.fromLane, p.toLane, p.requestedBy, p.reason, e.ts, asLogged(e, 'evaluation'));
      return;
    }
    case GOV_EVENT.promotionDecided: {
      const p = readGovernancePayload(GOV_EVENT.promotionDecided, e.payload);
      if (!p) return;
      db.prepare('UPDATE gov_promotions SET status = ?, decision_json = ? WHERE id = ?').run(
        p.decision,
        JSON.stringify({ reviewer: p.reviewer, decision: p.decision, reason: p.reason, ts: e.ts, evaluation: e.payload.evaluation }),
        p.promotionId,
      );
      return;
    }
    case GOV_EVENT.approvalQueued: {
      const p = readGovernancePayload(GOV_EVENT.approvalQueued, e.payload);
      if (!p) return;
      const ord = (db.prepare('SELECT COUNT(*) AS n FROM gov_approvals WHERE session_id = ?').get(p.sessionId) as { n: number }).n;
      db.prepare(
        `INSERT INTO gov_approvals (id, session_id, status, intent_json, decisions_json, queued_at, ord) VALUES (?, ?, ?, ?, '[]', ?, ?)`,
      ).run(p.approvalId, p.sessionId, p.status, asLogged(e, 'intent'), e.ts, ord);
      return;
    }
    case GOV_EVENT.approvalDecided: {
      const p = readGovernancePayload(GOV_EVENT.approvalDecided, e.payload);
      if (!p) return;
      const row = db.prepare('SELECT decisions_json FROM gov_approvals WHERE id = ?').get(p.approvalId) as
        { decisions_json: string } | undefined;
      if (!row) return;
      const decisions = [
        ...(JSON.parse(row.decisions_json) as unknown[]),
        { stage: p.stage, reviewer: p.reviewer, outcome: p.outcome, reason: p.reason, ts: e.ts },
      ];
      db.prepare('UPDATE gov_approvals SET status = ?, decisions_json = ? WHERE id = ?').run(
        p.status,
        JSON.stringify(decisions),
        p.approvalId,
      );
      return;
    }
    case GOV_EVENT.operatorRequested:
    case 'operator.action': {
      // `operator.action` is the runner's applied action, except in logs from before requests had their own name.
      if (!isOperatorRequest(e)) return;
      const p = readGovernancePayload(GOV_EVENT.operatorRequested, e.payload);
      if (!p) return;
      db.prepare(
        `INSERT INTO gov_operator_actions (id, session_id, kind, operator, reason, payload_json, ts, delivered) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(p.actionId, p.sessionId, p.kind, p.operator, p.reason, JSON.stringify(e.payload), e.ts, p.delivered ? 1 : 0);
      if (p.kind === 'halt' || p.kind === 'resume') {
        db.prepare('UPDATE gov_sessions SET halted = ?, updated_at = MAX(updated_at, ?) WHERE id = ?').run(
          p.kind === 'halt' ? 1 : 0,
          e.ts,
          p.sessionId,
        );
      }
      return;
    }
    case GOV_EVENT.incidentOpened: {
      const p = readGovernancePayload(GOV_EVENT.incidentOpened, e.payload);
      if (!p) return;
      db.prepare(`INSERT INTO gov_incidents (id, session_id, kind, detail, status, opened_at) VALUES (?, ?, ?, ?, 'open', ?)`).run(
        p.incidentId,
        p.sessionId,
        p.kind,
        p.detail,
        e.ts,
      );
      return;
    }
    case GOV_EVENT.incidentResolved: {
      const p = readGovernancePayload(GOV_EVENT.incidentResolved, e.payload);
      if (!p) return;
      db.prepare(
        `UPDATE gov_incidents SET status = 'resolved', resolved_by = ?, resolved_reason = ?, resolved_at = ? WHERE id = ? AND status = 'open'`,
      ).run(p.actor, p.reason, e.ts, p.incidentId);
      return;
    }
    default:
      return;
  }
}
