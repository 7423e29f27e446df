import type { Cents } from '../money';

/** The three TAIFEX index futures Papertape simulates. Facts as published; one table. */
export const ROOTS = ['TX', 'MTX', 'TMF'] as const;
export type Root = (typeof ROOTS)[number];

export interface InstrumentSpec {
  root: Root;
  /** TAIFEX product code used in contract codes (`TXFL6`) and tick files. */
  taifexCode: 'TXF' | 'MXF' | 'TMF';
  name: string;
  /** NT$ per index point. */
  multiplier: number;
  /** Minimum price step in index points. */
  tick: number;
  /** TX-equivalent contracts per contract, as an exact fraction numerator / 20 (TX=20, MTX=5, TMF=1). */
  txEquivTwentieths: number;
}

export const INSTRUMENTS: Readonly<Record<Root, InstrumentSpec>> = Object.freeze({
  TX: { root: 'TX', taifexCode: 'TXF', name: 'TAIEX Futures', multiplier: 200, tick: 1, txEquivTwentieths: 20 },
  MTX: { root: 'MTX', taifexCode: 'MXF', name: 'Mini-TAIEX Futures', multiplier: 50, tick: 1, txEquivTwentieths: 5 },
  TMF: { root: 'TMF', taifexCode: 'TMF', name: 'Micro TAIEX Futures', multiplier: 10, tick: 1, txEquivTwentieths: 1 },
});

/** Fees and margins change over time: they are configuration with an effective date, not constants. */
export interface DatedCharges {
  /** First trading day (YYYY-MM-DD, exchange date) on which these values apply. */
  effective: string;
  /** Per side per contract, NT$ cents. */
  exchangeFee: Cents;
  clearingFee: Cents;
  /** Broker commission per side per contract; configurable, defaults to 0. */
  commission: Cents;
  initialMargin: Cents;
}

/** Defaults shipped with the app (TAIFEX margins effective 2025-11-04). Overridable in the run spec. */
export const DEFAULT_CHARGES: Readonly<Record<Root, readonly DatedCharges[]>> = Object.freeze({
  TX: [{ effective: '2025-11-04', exchangeFee: 1200, clearingFee: 800, commission: 0, initialMargin: 33_800_000 }],
  MTX: [{ effective: '2025-11-04', exchangeFee: 750, clearingFee: 500, commission: 0, initialMargin: 8_450_000 }],
  TMF: [{ effective: '2025-11-04', exchangeFee: 480, clearingFee: 320, commission: 0, initialMargin: 1_690_000 }],
});

/** Futures transaction tax: 0.002% = 2 / 100_000 of contract value, per side. */
export const TAX_RATE = { numerator: 2, denominator: 100_000 } as const;

export function isRoot(value: unknown): value is Root {
  return typeof value === 'string' && (ROOTS as readonly string[]).includes(value);
}
