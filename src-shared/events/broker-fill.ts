import { z } from 'zod';
import { TAX_ROUNDINGS } from '../fees/fees';
import { DecimalText, NtdText } from './portfolio-update';
import { readCatalogued } from './catalog-check';

/** `broker.fill`, as the paper venue emits it: what was filled, at what price, what it cost, and why. */
export const BROKER_FILL = 'broker.fill';

export const BrokerFillPayload = z.strictObject({
  fill_id: z.string().min(1),
  order_id: z.string().min(1),
  contract: z.string().min(1),
  side: z.enum(['BUY', 'SELL']),
  price: z.int(),
  quantity: z.int().positive(),
  liquidity: z.enum(['taker', 'maker']),
  arrival_mid: DecimalText.nullable(),
  slippage_points: DecimalText.nullable(),
  slippage_bps: DecimalText.nullable(),
  exchange_fee_ntd: NtdText,
  clearing_fee_ntd: NtdText,
  commission_ntd: NtdText,
  fees_ntd: NtdText,
  tax_ntd: NtdText,
  tax_rounding: z.enum(TAX_ROUNDINGS),
  charges_effective: z.string(),
  trading_day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  book_ts: z.string(),
  reason: z.string(),
  explanation: z.string(),
});
export type BrokerFillPayload = z.infer<typeof BrokerFillPayload>;

export function brokerFill(fields: BrokerFillPayload): BrokerFillPayload {
  return { ...fields };
}

export function readBrokerFill(payload: unknown): BrokerFillPayload | null {
  return readCatalogued(BrokerFillPayload, payload);
}
