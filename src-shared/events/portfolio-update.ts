import { z } from 'zod';
import { parseNtd, type Cents } from '../money';

/**
 * `portfolio.update`, as the trading core emits it after every fill: the position of that one
 * contract and the session's totals. Readers (metrics, promotion, reconciliation, the report, the
 * portfolio view) parse it with this schema, so a reader cannot expect a shape the core never writes.
 */
export const PORTFOLIO_UPDATE = 'portfolio.update';

/** NT$ as events carry it: an exact decimal string with two places. */
export const NtdText = z.string().regex(/^-?\d+\.\d{2}$/, 'an NT$ amount with two decimals');
/** A price or ratio as an exact decimal string (no float ever travels in an event). */
export const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal');

export const PortfolioUpdatePayload = z.strictObject({
  contract: z.string().min(1),
  fill_id: z.string().min(1),
  /** Signed contracts held in `contract` after this fill. */
  position: z.int(),
  avg_price: DecimalText,
  realized_delta_ntd: NtdText,
  realized_ntd: NtdText,
  unrealized_ntd: NtdText,
  mark_bid: z.int().nullable(),
  mark_ask: z.int().nullable(),
  mark_mid: DecimalText.nullable(),
  fees_ntd: NtdText,
  tax_ntd: NtdText,
  /** The whole session's equity after this fill. */
  equity_ntd: NtdText,
  margin_in_use_ntd: NtdText,
  tx_equiv_twentieths: z.int(),
});
export type PortfolioUpdatePayload = z.infer<typeof PortfolioUpdatePayload>;

/** The one constructor the core emits through; the type keeps every field present and named. */
export function portfolioUpdate(fields: PortfolioUpdatePayload): PortfolioUpdatePayload {
  return { ...fields };
}

export interface PortfolioUpdate extends PortfolioUpdatePayload {
  equityCents: Cents;
  realizedCents: Cents;
  unrealizedCents: Cents;
}

/** The payload parsed, with its amounts as integer cents; null when it is not the core's shape. */
export function readPortfolioUpdate(payload: unknown): PortfolioUpdate | null {
  const r = PortfolioUpdatePayload.safeParse(payload);
  if (!r.success) return null;
  return {
    ...r.data,
    equityCents: parseNtd(r.data.equity_ntd),
    realizedCents: parseNtd(r.data.realized_ntd),
    unrealizedCents: parseNtd(r.data.unrealized_ntd),
  };
}
