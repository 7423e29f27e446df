import { z } from 'zod';
import { PromotionCriteria, FAIL_CLOSED_CRITERIA } from './promotion-criteria';

export const LaneId = z.enum(['paper_research', 'paper_gatecheck']);
export type LaneId = z.infer<typeof LaneId>;
export const LANE_IDS: readonly LaneId[] = LaneId.options;

const limit = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A lane's ceiling on what any session in it may do. 0 means no trading (fail closed). */
export const LaneRiskEnvelope = z.strictObject({
  maxPositionContracts: limit,
  /** TX-equivalent exposure in twentieths of a TX contract (one TMF = 1), so it stays an integer. */
  maxTxEquivTwentieths: limit,
  maxNotionalPerOrderCents: limit,
  maxOpenOrders: limit,
  maxDailyLossCents: limit,
  maxDrawdownBps: limit,
  maxQuoteAgeMs: limit,
});
export type LaneRiskEnvelope = z.infer<typeof LaneRiskEnvelope>;

export const LaneConfig = z.strictObject({
  riskEnvelope: LaneRiskEnvelope,
  paperCapitalCents: limit,
  /** Criteria a strategy must meet in this lane before it may be promoted out of it. */
  promotionCriteria: PromotionCriteria,
});
export type LaneConfig = z.infer<typeof LaneConfig>;

/** Until someone configures a lane on purpose, nothing may trade in it and nothing is promoted from it. */
export const FAIL_CLOSED_LANE_CONFIG: LaneConfig = Object.freeze({
  riskEnvelope: Object.freeze({
    maxPositionContracts: 0,
    maxTxEquivTwentieths: 0,
    maxNotionalPerOrderCents: 0,
    maxOpenOrders: 0,
    maxDailyLossCents: 0,
    maxDrawdownBps: 0,
    maxQuoteAgeMs: 0,
  }),
  paperCapitalCents: 0,
  promotionCriteria: FAIL_CLOSED_CRITERIA,
}) as LaneConfig;

/** Promotion only moves forward, from research to gatecheck. */
export const PROMOTION_PATH: Readonly<Partial<Record<LaneId, LaneId>>> = Object.freeze({ paper_research: 'paper_gatecheck' });
