import type { LaneConfig } from '../../../src-shared/governance/lanes';
import type { JsonObject } from '../../../src-shared/json';
import { centsToDecimal, parseNtd } from '../../../src-shared/money';
import { txEquivToTwentieths } from '../../../src-shared/risk/envelope';

/** One limit the lane made stricter than the spec asked for, as a stable reason string. */
export interface Tightened {
  field: string;
  spec: string;
  lane: string;
}

export interface EffectiveLimits {
  /** The spec with `risk` and `paper_capital` replaced by the stricter of spec and lane. */
  spec: JsonObject;
  tightened: Tightened[];
}

/** Spec risk key -> lane envelope key, for the limits both express in the same unit. */
const SAME_UNIT: readonly (readonly [string, keyof LaneConfig['riskEnvelope']])[] = [
  ['maxPositionPerContract', 'maxPositionContracts'],
  ['maxNotionalPerOrderCents', 'maxNotionalPerOrderCents'],
  ['maxOpenOrders', 'maxOpenOrders'],
  ['maxDailyLossCents', 'maxDailyLossCents'],
  ['maxDrawdownBps', 'maxDrawdownBps'],
  ['maxQuoteAgeMs', 'maxQuoteAgeMs'],
];

function twentiethsToDecimal(t: number): string {
  const hundredths = t * 5;
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The lane is a ceiling, never a floor: each limit is the smaller of the spec's and the lane's (a missing
 * spec limit counts as 0, fail closed, exactly as the risk schema defaults it), and so is the paper capital.
 * The spec must already be valid (RunSpecSchema), so its numbers parse.
 */
export function applyLaneCeiling(spec: JsonObject, lane: LaneConfig): EffectiveLimits {
  const tightened: Tightened[] = [];
  const risk: JsonObject = { ...((spec.risk as JsonObject | undefined) ?? {}) };
  for (const [specKey, laneKey] of SAME_UNIT) {
    const asked = typeof risk[specKey] === 'number' ? (risk[specKey] as number) : 0;
    const ceiling = lane.riskEnvelope[laneKey];
    if (ceiling < asked) {
      risk[specKey] = ceiling;
      tightened.push({ field: `risk.${specKey}`, spec: String(asked), lane: String(ceiling) });
    }
  }
  const askedExposure = txEquivToTwentieths(String(risk.maxTxEquivExposure ?? '0')) ?? 0;
  if (lane.riskEnvelope.maxTxEquivTwentieths < askedExposure) {
    risk.maxTxEquivExposure = twentiethsToDecimal(lane.riskEnvelope.maxTxEquivTwentieths);
    tightened.push({
      field: 'risk.maxTxEquivExposure',
      spec: twentiethsToDecimal(askedExposure),
      lane: twentiethsToDecimal(lane.riskEnvelope.maxTxEquivTwentieths),
    });
  }
  const askedCapital = parseNtd(String(spec.paper_capital));
  let capital = spec.paper_capital ?? '0';
  if (lane.paperCapitalCents < askedCapital) {
    capital = centsToDecimal(lane.paperCapitalCents);
    tightened.push({ field: 'paper_capital', spec: centsToDecimal(askedCapital), lane: capital });
  }
  return { spec: { ...spec, risk, paper_capital: capital }, tightened };
}

export function describeTightened(t: Tightened): string {
  return `LANE_CEILING: field=${t.field}, spec=${t.spec}, lane=${t.lane}`;
}
