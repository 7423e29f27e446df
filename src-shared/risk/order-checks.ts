import type { Side } from '../orders/intent';
import { allow, deny, reason, zeroLimit, type CheckResult } from './check-result';

/** LIMIT prices must sit on the tick grid; MARKET orders carry no price. */
export function checkTickAlignment(limitPrice: number | null, tick: number): CheckResult {
  const inputs = { limit_price: limitPrice, tick };
  if (limitPrice === null || limitPrice % tick === 0) return allow('tick_alignment', inputs);
  return deny('tick_alignment', inputs, reason('TICK_MISALIGNED', { price: limitPrice, tick }));
}

/** A LIMIT price outside the daily band can never trade; unknown settlement fails closed. */
export function checkDailyLimit(limitPrice: number | null, band: { lower: number; upper: number } | null): CheckResult {
  const inputs = { limit_price: limitPrice, lower: band?.lower ?? null, upper: band?.upper ?? null };
  if (band === null) return deny('daily_limit', inputs, reason('PRICE_OUTSIDE_DAILY_LIMIT', { price: limitPrice, prev_settlement: null }));
  if (limitPrice === null || (limitPrice >= band.lower && limitPrice <= band.upper)) return allow('daily_limit', inputs);
  return deny('daily_limit', inputs, reason('PRICE_OUTSIDE_DAILY_LIMIT', { price: limitPrice, lower: band.lower, upper: band.upper }));
}

export function checkQuantity(quantity: number, maxQuantity: number): CheckResult {
  const inputs = { quantity, max_quantity: maxQuantity };
  if (maxQuantity === 0) return zeroLimit('quantity', inputs, 'maxOrderQuantity');
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    return deny('quantity', inputs, reason('QUANTITY_EXCEEDS_MAXIMUM', { qty: quantity, min: 1 }));
  if (quantity <= maxQuantity) return allow('quantity', inputs);
  return deny('quantity', inputs, reason('QUANTITY_EXCEEDS_MAXIMUM', { qty: quantity, max: maxQuantity }));
}

/**
 * Notional = price x multiplier x quantity. A LIMIT uses its price; a MARKET the opposite best it
 * would take (unknown price fails closed).
 */
export function notionalPrice(side: Side, limitPrice: number | null, bid: number | null, ask: number | null): number | null {
  if (limitPrice !== null) return limitPrice;
  return side === 'BUY' ? ask : bid;
}

export function checkNotional(price: number | null, multiplier: number, quantity: number, maxCents: number): CheckResult {
  const notionalCents = price === null ? null : price * multiplier * quantity * 100;
  const inputs = { price, multiplier, quantity, notional_cents: notionalCents, max_cents: maxCents };
  if (maxCents === 0) return zeroLimit('notional', inputs, 'maxNotionalPerOrderCents');
  if (notionalCents !== null && notionalCents <= maxCents) return allow('notional', inputs);
  return deny('notional', inputs, reason('NOTIONAL_EXCEEDS_MAX_PER_ORDER', { notional_cents: notionalCents, max_cents: maxCents }));
}
