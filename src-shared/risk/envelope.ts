import { z } from 'zod';

const count = z.number().int().nonnegative().default(0);

/** "0.25" (or 0.25) TX-equivalent contracts -> 5 twentieths; anything not a multiple of 0.05 is refused. */
export function txEquivToTwentieths(value: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return hundredths % 5 === 0 ? hundredths / 5 : null;
}

/** Kept as written (so parsing twice is harmless); the engine converts with `txEquivToTwentieths`. */
const txEquiv = z
  .union([z.string(), z.number().nonnegative()])
  .default('0')
  .refine((v) => txEquivToTwentieths(String(v)) !== null, {
    message: 'must be a non-negative multiple of 0.05 TX-equivalent contracts, e.g. "0.25"',
  });

/**
 * The risk envelope of a session (run specs, scenarios, lanes). Every limit defaults to 0 and 0
 * means no trading: a forgotten limit fails closed. Limits are inclusive (equal to the maximum passes).
 */
export const RiskEnvelopeSchema = z.strictObject({
  maxOrderQuantity: count,
  maxQuoteAgeMs: count,
  /** Widest ask - bid accepted, in points. */
  maxSpreadPoints: count,
  /** Smallest size accepted on the side the order would take (a minimum: 0 also means no trading). */
  minTopSize: count,
  maxNotionalPerOrderCents: count,
  maxPositionPerContract: count,
  /** In TX-equivalent contracts (decimal string or number, multiple of 0.05): "0.25" = one MTX or five TMF. */
  maxTxEquivExposure: txEquiv,
  maxOpenOrders: count,
  maxSubmitsPerWindow: count,
  submitWindowMs: count,
  maxDailyLossCents: count,
  maxDrawdownBps: count,
  volatilityMoveBps: count,
  volatilityWindowMs: count,
  feedLossMs: count,
  feedLossAction: z.enum(['REDUCING', 'HALTED']).default('REDUCING'),
  /** After a breaker or breach trips, resume is refused until this long has passed (0 = immediately). */
  breakerCooldownMs: count,
});

export type RiskEnvelopeInput = z.input<typeof RiskEnvelopeSchema>;
export type RiskEnvelope = z.output<typeof RiskEnvelopeSchema>;

/** The exposure limit in exact twentieths of a TX contract. */
export function maxTxEquivTwentieths(envelope: RiskEnvelope): number {
  return txEquivToTwentieths(String(envelope.maxTxEquivExposure)) ?? 0;
}
