import { z } from 'zod';
import { TAX_ROUNDINGS } from '../../../src-shared/fees/fees';
import { SyntheticBookSchema } from '../../../src-shared/market/book-model';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { DEFAULT_CHARGES, ROOTS, type DatedCharges, type Root } from '../../../src-shared/instruments/instruments';
import { RiskEnvelopeSchema } from '../../../src-shared/risk/envelope';

const ms = z.number().int().nonnegative();

/** How the paper venue behaves. Latencies are one-way, order -> venue, per action. */
export const FillModelSchema = z.strictObject({
  submitLatencyMs: ms.default(0),
  cancelLatencyMs: ms.default(0),
  /** An order not acknowledged within this time is REJECTED `ACK_TIMEOUT`; 0 = never times out. */
  ackTimeoutMs: ms.default(0),
  /** A MARKET order walks the book no further than best opposite +/- this many points. */
  marketProtectionPoints: ms.default(0),
  /** Fault injection: the venue silently loses these orders (no ack ever comes). */
  dropAckOrderIds: z.array(z.string().regex(/^O-\d{6}$/)).default([]),
  /**
   * The book stated for trade-only data (TAIFEX ticks, OHLCV bars), which the data source synthesizes from
   * each print; refused for a source with its own quotes. Absent = `DEFAULT_SYNTHETIC_BOOK`.
   */
  syntheticBook: SyntheticBookSchema.optional(),
});
export type FillModel = z.output<typeof FillModelSchema>;

const DatedChargesSchema = z.strictObject({
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  exchangeFee: ms,
  clearingFee: ms,
  commission: ms,
  initialMargin: ms,
});

const contractRef = z.string().superRefine((v, ctx) => {
  try {
    parseContractRef(v);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
  }
});

export const TradingCoreConfigSchema = z.strictObject({
  /** The only mode there is. */
  mode: z.literal('paper'),
  sessionId: z.string().min(1),
  startEquityCents: z.number().int().positive(),
  contracts: z.array(z.strictObject({ contract: contractRef, prevSettlement: z.number().int().positive() })).min(1),
  /** Exchange holidays (YYYY-MM-DD) for the session calendar. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  risk: RiskEnvelopeSchema.prefault({}),
  fillModel: FillModelSchema.prefault({}),
  /** Per-root dated charges replacing the shipped defaults (cents). */
  charges: z.partialRecord(z.enum(ROOTS), z.array(DatedChargesSchema).min(1)).default({}),
  taxRounding: z.enum(TAX_ROUNDINGS).default('per_contract_half_up'),
});
export type TradingCoreConfigInput = z.input<typeof TradingCoreConfigSchema>;
export type TradingCoreConfig = z.output<typeof TradingCoreConfigSchema>;

export function chargesFor(config: TradingCoreConfig, root: Root): readonly DatedCharges[] {
  return config.charges[root] ?? DEFAULT_CHARGES[root];
}
