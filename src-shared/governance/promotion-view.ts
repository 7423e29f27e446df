import { z } from 'zod';
import { LaneId } from './lanes';
import { PromotionEvaluation } from './promotion-criteria';
import { Attribution, PersonName, Reason } from './attribution';

export const PromotionId = z.string().regex(/^P-[0-9a-f]{16}$/);
export const StrategyId = z.string().trim().min(1).max(120);

export const PromotionStatus = z.enum(['pending', 'approved', 'rejected']);

export const PromotionView = z.strictObject({
  id: PromotionId,
  strategyId: z.string(),
  fromLane: LaneId,
  toLane: LaneId,
  requestedBy: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  evaluationAtRequest: PromotionEvaluation,
  status: PromotionStatus,
  decision: z
    .strictObject({
      reviewer: z.string(),
      decision: z.enum(['approved', 'rejected']),
      reason: z.string(),
      ts: z.string(),
      evaluation: PromotionEvaluation,
    })
    .nullable(),
  attribution: Attribution,
});
export type PromotionView = z.infer<typeof PromotionView>;

export const PromotionEvaluateInput = z.strictObject({ strategyId: StrategyId, fromLane: LaneId.optional() });
export const PromotionEvaluateOutput = z.strictObject({
  strategyId: z.string(),
  fromLane: LaneId,
  toLane: LaneId,
  evaluation: PromotionEvaluation,
});

export const PromotionRequestInput = z.strictObject({
  strategyId: StrategyId,
  fromLane: LaneId.optional(),
  requestedBy: PersonName,
  reason: Reason,
});
export const PromotionDecideInput = z.strictObject({
  promotionId: PromotionId,
  reviewer: PersonName,
  decision: z.enum(['approved', 'rejected']),
  reason: Reason,
});
/** `lanes.funnel`: every strategy that ran in a lane, with its evaluation against each of the lane's criteria. */
export const LaneFunnelInput = z.strictObject({ lane: LaneId });
export const LaneFunnelOutput = z.array(z.strictObject({ strategyId: z.string(), evaluation: PromotionEvaluation }));

export const PromotionsListInput = z.strictObject({ strategyId: StrategyId.optional() }).optional();
