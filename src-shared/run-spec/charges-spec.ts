import { z } from 'zod';

/** NT$ as written in a spec: a decimal string with up to 2 places ("7.5") or a whole number; never a float. */
const ntdAmount = z.union([z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'expected NT$ as a decimal string such as "7.5"'), z.int().min(0)]);

/** One dated fee and margin entry, NT$ per side per contract, as TAIFEX and brokers publish them. */
export const ChargesEntrySpecSchema = z.strictObject({
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  exchange_fee: ntdAmount,
  clearing_fee: ntdAmount,
  commission: ntdAmount.default(0),
  initial_margin: ntdAmount,
});
export type ChargesEntrySpec = z.output<typeof ChargesEntrySpecSchema>;

/**
 * A run spec's own fee and margin schedule per root; a root it names replaces the shipped schedule
 * for that root entirely (so a spec states every entry it relies on).
 */
export const ChargesSpecSchema = z.partialRecord(z.enum(['TX', 'MTX', 'TMF']), z.array(ChargesEntrySpecSchema).min(1));
export type ChargesSpec = z.output<typeof ChargesSpecSchema>;
