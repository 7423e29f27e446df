import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { LaneId } from '../../../src-shared/governance/lanes';
import type { SessionStatus } from '../../../src-shared/governance/session-lifecycle';
import type { SessionMetrics, SessionView } from '../../../src-shared/governance/session-view';
import type { JsonObject } from '../../../src-shared/json';
import type { Db } from '../../store/database';
import { notFound } from './governance';
import { whereEquals } from './sql-filter';

export interface SessionRow {
  id: string;
  day: string;
  day_no: number;
  lane: LaneId;
  owner: string;
  spec_hash: string;
  spec_json: string;
  strategy_id: string | null;
  data_fingerprints_json: string;
  code_version: string;
  requires_approval: number;
  status: SessionStatus;
  status_reason: string | null;
  halted: number;
  created_at: string;
  started_at: string | null;
  paused_at: string | null;
  ended_at: string | null;
  updated_at: string;
  metrics_json: string | null;
  tag: 'promotion_evidence' | 'ignored' | null;
  tag_reason: string | null;
  tagged_by: string | null;
  tagged_at: string | null;
}

export function toSessionView(r: SessionRow): SessionView {
  return {
    id: r.id,
    lane: r.lane,
    owner: r.owner,
    attribution: 'local',
    specHash: r.spec_hash,
    strategyId: r.strategy_id,
    dataFingerprints: JSON.parse(r.data_fingerprints_json) as string[],
    codeVersion: r.code_version,
    requiresApproval: r.requires_approval === 1,
    status: r.status,
    statusReason: r.status_reason,
    halted: r.halted === 1,
    timestamps: { createdAt: r.created_at, startedAt: r.started_at, pausedAt: r.paused_at, endedAt: r.ended_at, updatedAt: r.updated_at },
    metrics: r.metrics_json ? (JSON.parse(r.metrics_json) as SessionMetrics) : null,
    tag: r.tag ? { kind: r.tag, reason: r.tag_reason ?? '', by: r.tagged_by ?? '', at: r.tagged_at ?? '' } : null,
    links: { log: sessionLogId(r.id), exports: [] },
  };
}

export function sessionRow(db: Db, id: string): SessionRow {
  const row = db.prepare('SELECT * FROM gov_sessions WHERE id = ?').get(id) as SessionRow | undefined;
  if (!row) throw notFound('session', id);
  return row;
}

export function sessionSpec(row: SessionRow): JsonObject {
  return JSON.parse(row.spec_json) as JsonObject;
}

export function listSessionRows(db: Db, filter: { lane?: LaneId; status?: SessionStatus; strategyId?: string } = {}): SessionRow[] {
  const { sql: where, args } = whereEquals({ lane: filter.lane, status: filter.status, strategy_id: filter.strategyId });
  const sql = `SELECT * FROM gov_sessions ${where} ORDER BY day, day_no`;
  return db.prepare(sql).all(...args) as SessionRow[];
}
