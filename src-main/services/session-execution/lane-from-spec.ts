import { FAIL_CLOSED_CRITERIA } from '../../../src-shared/governance/promotion-criteria';
import type { LaneConfig, LaneId } from '../../../src-shared/governance/lanes';
import type { LaneView } from '../../../src-shared/governance/lane-view';
import { parseNtd } from '../../../src-shared/money';
import { maxTxEquivTwentieths, RiskEnvelopeSchema } from '../../../src-shared/risk/envelope';
import type { AppContext } from '../../app-context';
import type { RunSpec } from '../../pipeline/runner/run-spec';
import { configureLane, listLanes } from '../lanes/lane-service';

/** The lane limits a run spec asks for; promotion out of a lane configured this way stays closed. */
export function laneConfigFromSpec(spec: RunSpec): LaneConfig {
  // The spec keeps its envelope as written; the risk schema fills the fail-closed defaults.
  const r = RiskEnvelopeSchema.parse(spec.risk);
  return {
    riskEnvelope: {
      maxPositionContracts: r.maxPositionPerContract,
      maxTxEquivTwentieths: maxTxEquivTwentieths(r),
      maxNotionalPerOrderCents: r.maxNotionalPerOrderCents,
      maxOpenOrders: r.maxOpenOrders,
      maxDailyLossCents: r.maxDailyLossCents,
      maxDrawdownBps: r.maxDrawdownBps,
      maxQuoteAgeMs: r.maxQuoteAgeMs,
    },
    paperCapitalCents: parseNtd(String(spec.paper_capital)),
    promotionCriteria: { ...FAIL_CLOSED_CRITERIA },
  };
}

/**
 * A lane nobody configured fails closed (capital 0). For a headless run on a fresh data directory the
 * spec's own envelope becomes the lane's, as a `lane.configured` event in the registry log that names the
 * spec, and the caller says so on screen: limits are never granted silently. A configured lane is left alone.
 */
export function configureLaneFromSpecIfUnset(ctx: AppContext, spec: RunSpec, specLabel: string): LaneView | null {
  const lane = spec.lane as LaneId;
  const current = listLanes(ctx).find((l) => l.lane === lane);
  if (current && !current.isDefault) return null;
  return configureLane(ctx, {
    lane,
    config: laneConfigFromSpec(spec),
    actor: spec.owner,
    reason: `LANE_FROM_SPEC: lane=${lane}, spec=${specLabel}; the lane was unconfigured (fail closed) and took the run spec's envelope`,
  });
}
