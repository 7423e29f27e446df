import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import { ServiceError } from '../../../src-shared/envelope';
import { GOV_EVENT } from '../../../src-shared/governance/governance-event-types';
import { PROMOTION_PATH, type LaneId } from '../../../src-shared/governance/lanes';
import { evaluatePromotion, type PromotionEvaluation, type SessionEvidence } from '../../../src-shared/governance/promotion-criteria';
import type { PromotionView } from '../../../src-shared/governance/promotion-view';
import { summarizeSessionLog } from '../../../src-shared/governance/session-metrics';
import { unresolvedReconciliationBreaks } from '../../../src-shared/governance/unresolved-breaks';
import type { JsonObject } from '../../../src-shared/json';
import type { AppContext } from '../../app-context';
import { canonicalHash } from '../../pipeline/runner/canonical';
import { laneConfig } from '../lanes/lane-service';
import { governanceOf, notFound, registryLog, sessionLogId, type Governance } from '../sessions/governance';
import { readLog } from '../sessions/log-reader';
import { listSessionRows } from '../sessions/session-rows';

interface PromotionRow {
  id: string;
  strategy_id: string;
  from_lane: LaneId;
  to_lane: LaneId;
  requested_by: string;
  reason: string;
  requested_at: string;
  evaluation_json: string;
  status: 'pending' | 'approved' | 'rejected';
  decision_json: string | null;
}

function toView(r: PromotionRow): PromotionView {
  return {
    id: r.id,
    strategyId: r.strategy_id,
    fromLane: r.from_lane,
    toLane: r.to_lane,
    requestedBy: r.requested_by,
    reason: r.reason,
    requestedAt: r.requested_at,
    evaluationAtRequest: JSON.parse(r.evaluation_json) as PromotionEvaluation,
    status: r.status,
    decision: r.decision_json ? (JSON.parse(r.decision_json) as PromotionView['decision']) : null,
    attribution: 'local',
  };
}

function targetLane(fromLane: LaneId): LaneId {
  const to = PROMOTION_PATH[fromLane];
  if (!to) throw new ServiceError('REFUSED', `NO_PROMOTION_PATH: from=${fromLane}; only paper_research promotes, to paper_gatecheck.`);
  return to;
}

/** Evidence read from the logs themselves (fills, equity snapshots, breaks), not from cached metrics. */
export function strategyEvidence(gov: Governance, strategyId: string, lane: LaneId): SessionEvidence[] {
  return listSessionRows(gov.db, { lane, strategyId }).map((row) => {
    const log = readLog(gov.store, sessionLogId(row.id));
    const s = summarizeSessionLog(log);
    return {
      sessionId: row.id,
      status: row.status,
      fills: s.fills,
      peakEquityCents: s.peakEquityCents,
      troughEquityCents: s.troughEquityCents,
      // A break whose incident was resolved (with a reason, in the log) no longer blocks promotion.
      unresolvedBreaks: unresolvedReconciliationBreaks(log),
      // Tagged as ignored by a lead (with a reason, in the registry): no evidence for the strategy, still counted against it.
      ignored: row.tag === 'ignored' ? { by: row.tagged_by ?? '', reason: row.tag_reason ?? '' } : null,
    };
  });
}

function evaluate(gov: Governance, strategyId: string, fromLane: LaneId): PromotionEvaluation {
  return evaluatePromotion(laneConfig(gov, fromLane).promotionCriteria, strategyEvidence(gov, strategyId, fromLane));
}

export function evaluatePromotionFor(ctx: AppContext, input: { strategyId: string; fromLane?: LaneId }) {
  const gov = governanceOf(ctx);
  const fromLane = input.fromLane ?? 'paper_research';
  const toLane = targetLane(fromLane);
  return { strategyId: input.strategyId, fromLane, toLane, evaluation: evaluate(gov, input.strategyId, fromLane) };
}

export function listPromotions(ctx: AppContext, filter: { strategyId?: string } = {}): PromotionView[] {
  const gov = governanceOf(ctx);
  const rows = filter.strategyId
    ? gov.db.prepare('SELECT * FROM gov_promotions WHERE strategy_id = ? ORDER BY requested_at, id').all(filter.strategyId)
    : gov.db.prepare('SELECT * FROM gov_promotions ORDER BY requested_at, id').all();
  return (rows as PromotionRow[]).map(toView);
}

/** A request records the evaluation as it stood; it may be made on thin evidence, but it cannot be approved on it. */
export function requestPromotion(
  ctx: AppContext,
  input: { strategyId: string; fromLane?: LaneId; requestedBy: string; reason: string },
): PromotionView {
  const gov = governanceOf(ctx);
  const fromLane = input.fromLane ?? 'paper_research';
  const toLane = targetLane(fromLane);
  const pending = gov.db
    .prepare("SELECT id FROM gov_promotions WHERE strategy_id = ? AND from_lane = ? AND status = 'pending'")
    .get(input.strategyId, fromLane) as { id: string } | undefined;
  if (pending)
    throw new ServiceError('CONFLICT', `PROMOTION_PENDING: strategy=${input.strategyId}, request=${pending.id}; decide it first.`);
  const evaluation = evaluate(gov, input.strategyId, fromLane);
  const n = (gov.db.prepare('SELECT COUNT(*) AS n FROM gov_promotions').get() as { n: number }).n;
  const promotionId = `P-${canonicalHash({ strategyId: input.strategyId, fromLane, n }).slice(0, 16)}`;
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.promotionRequested, `operator:${input.requestedBy}`, {
      promotionId,
      strategyId: input.strategyId,
      fromLane,
      toLane,
      requestedBy: input.requestedBy,
      reason: input.reason,
      evaluation: evaluation as unknown as JsonObject,
      attribution: 'local',
    }),
  ]);
  gov.store.checkpoint(registryLog());
  return toView(gov.db.prepare('SELECT * FROM gov_promotions WHERE id = ?').get(promotionId) as PromotionRow);
}

/**
 * A named reviewer (not the requester) decides. Approval re-evaluates the criteria at decision
 * time and is refused when they do not hold; a rejection is always recordable.
 */
export function decidePromotion(
  ctx: AppContext,
  input: { promotionId: string; reviewer: string; decision: 'approved' | 'rejected'; reason: string },
): PromotionView {
  const gov = governanceOf(ctx);
  const row = gov.db.prepare('SELECT * FROM gov_promotions WHERE id = ?').get(input.promotionId) as PromotionRow | undefined;
  if (!row) throw notFound('promotion request', input.promotionId);
  if (row.status !== 'pending') throw new ServiceError('CONFLICT', `PROMOTION_DECIDED: request=${row.id}, status=${row.status}.`);
  if (row.requested_by === input.reviewer) {
    throw new ServiceError('REFUSED', `SAME_REVIEWER: reviewer=${input.reviewer} made the request; another person must decide it.`);
  }
  const evaluation = evaluate(gov, row.strategy_id, row.from_lane);
  if (input.decision === 'approved' && !evaluation.eligible) {
    const failed = evaluation.results.filter((r) => !r.pass).map((r) => r.reason);
    throw new ServiceError('REFUSED', `CRITERIA_NOT_MET: ${failed.join('; ')}`, { evaluation });
  }
  gov.record(registryLog(), null, [
    governanceEvent(GOV_EVENT.promotionDecided, `reviewer:${input.reviewer}`, {
      promotionId: row.id,
      strategyId: row.strategy_id,
      reviewer: input.reviewer,
      decision: input.decision,
      reason: input.reason,
      evaluation: evaluation as unknown as JsonObject,
      attribution: 'local',
    }),
  ]);
  gov.store.checkpoint(registryLog());
  return toView(gov.db.prepare('SELECT * FROM gov_promotions WHERE id = ?').get(row.id) as PromotionRow);
}

export function hasApprovedPromotion(gov: Governance, strategyId: string, toLane: LaneId): boolean {
  return Boolean(
    gov.db.prepare("SELECT 1 FROM gov_promotions WHERE strategy_id = ? AND to_lane = ? AND status = 'approved'").get(strategyId, toLane),
  );
}

/** A lane's funnel: every strategy that ran in it and its progress against each of the lane's criteria. */
export function laneFunnel(ctx: AppContext, lane: LaneId): { strategyId: string; evaluation: PromotionEvaluation }[] {
  const gov = governanceOf(ctx);
  const ids = [...new Set(listSessionRows(gov.db, { lane }).flatMap((r) => (r.strategy_id ? [r.strategy_id] : [])))].sort();
  return ids.map((strategyId) => ({ strategyId, evaluation: evaluate(gov, strategyId, lane) }));
}
