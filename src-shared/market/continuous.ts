import type { ContractRef } from './quote';

/**
 * Continuous series (`TX1!`-style) for research charts and signal studies ONLY. Orders, fills,
 * positions, fees and tax always reference a dated contract; a roll in real trading is two trades.
 * A series is always returned together with the roll schedule that produced it, so it can be rebuilt.
 */

export interface DatedBar {
  contract: ContractRef;
  /** Bar start, epoch ms UTC. */
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** From `atTs` on, the series follows `to` instead of `from`. */
export interface RollEntry {
  atTs: number;
  from: ContractRef;
  to: ContractRef;
}

export interface AppliedRoll extends RollEntry {
  /** Closes of the last bar of each contract before the roll: the prices the adjustment joins. */
  fromPrice: number;
  toPrice: number;
  /** Back adjustment added to every earlier bar, points (toPrice - fromPrice). */
  difference: number;
  /** Ratio adjustment multiplied into every earlier bar, as an exact fraction toPrice / fromPrice. */
  ratio: { numerator: number; denominator: number };
}

export type AdjustmentMethod = 'back_adjusted' | 'ratio_adjusted';

export interface ContinuousBar extends Omit<DatedBar, 'contract'> {
  /** The dated contract this bar was taken from. */
  source: ContractRef;
}

export interface ContinuousSeries {
  name: string;
  method: AdjustmentMethod;
  researchOnly: true;
  rolls: AppliedRoll[];
  bars: ContinuousBar[];
}

/**
 * Joins dated bars along a roll schedule. The newest contract keeps its real prices; each earlier
 * segment is shifted by the sum of later differences (back-adjusted, exact integers) or scaled by the
 * product of later ratios (ratio-adjusted). Ratios are kept as exact BigInt fractions and each price is
 * rounded once, half-up, to a whole point, so no float ever accumulates; the rounding is monotone, so
 * low <= open, close <= high still holds.
 */
export function continuousSeries(
  name: string,
  bars: readonly DatedBar[],
  schedule: readonly RollEntry[],
  method: AdjustmentMethod,
): ContinuousSeries {
  const rolls = [...schedule].sort((a, b) => a.atTs - b.atTs);
  if (rolls.length === 0) throw new Error('a continuous series needs at least one roll (or use the dated contract itself)');
  rolls.forEach((r, i) => {
    const prev = rolls[i - 1];
    if (prev && prev.to !== r.from) throw new Error(`roll at ${r.atTs} is from ${r.from} but the series holds ${prev.to}`);
    if (prev && prev.atTs === r.atTs) throw new Error(`two rolls at ${r.atTs}`);
  });
  const byContract = new Map<ContractRef, DatedBar[]>();
  for (const bar of bars) {
    const list = byContract.get(bar.contract) ?? [];
    list.push(bar);
    byContract.set(bar.contract, list);
  }
  for (const list of byContract.values()) list.sort((a, b) => a.ts - b.ts);
  const closeBefore = (contract: ContractRef, ts: number): number => {
    const list = byContract.get(contract) ?? [];
    let found: DatedBar | undefined;
    for (const bar of list) if (bar.ts < ts) found = bar;
    if (!found) throw new Error(`no ${contract} bar before the roll at ${ts}`);
    return found.close;
  };
  const applied: AppliedRoll[] = rolls.map((r) => {
    const fromPrice = closeBefore(r.from, r.atTs);
    const toPrice = closeBefore(r.to, r.atTs);
    return { ...r, fromPrice, toPrice, difference: toPrice - fromPrice, ratio: { numerator: toPrice, denominator: fromPrice } };
  });

  const segments = [rolls[0]?.from as ContractRef, ...rolls.map((r) => r.to)];
  const out: ContinuousBar[] = [];
  segments.forEach((contract, k) => {
    const start = k === 0 ? Number.NEGATIVE_INFINITY : (rolls[k - 1] as RollEntry).atTs;
    const end = k < rolls.length ? (rolls[k] as RollEntry).atTs : Number.POSITIVE_INFINITY;
    const later = applied.slice(k);
    const shift = later.reduce((sum, r) => sum + r.difference, 0);
    let num = 1n;
    let den = 1n;
    for (const r of later) {
      num *= BigInt(r.ratio.numerator);
      den *= BigInt(r.ratio.denominator);
    }
    const adjust = method === 'back_adjusted' ? (p: number) => p + shift : (p: number) => scaleHalfUp(p, num, den);
    for (const bar of byContract.get(contract) ?? []) {
      if (bar.ts < start || bar.ts >= end) continue;
      out.push({
        source: contract,
        ts: bar.ts,
        open: adjust(bar.open),
        high: adjust(bar.high),
        low: adjust(bar.low),
        close: adjust(bar.close),
        volume: bar.volume,
      });
    }
  });
  return { name, method, researchOnly: true, rolls: applied, bars: out };
}

/** round(price * num / den), half-up, for positive prices; exact via BigInt. */
function scaleHalfUp(price: number, num: bigint, den: bigint): number {
  return Number((2n * BigInt(price) * num + den) / (2n * den));
}
