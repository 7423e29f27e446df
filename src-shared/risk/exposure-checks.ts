import type { Side } from '../orders/intent';
import { allow, deny, reason, zeroLimit, type CheckResult } from './check-result';

/**
 * Worst case after this order: the position plus every working order on the same side plus this one.
 * `workingSameSide` is the open quantity of working orders on the order's side.
 */
export function projectedPosition(position: number, side: Side, workingSameSide: number, quantity: number): number {
  return side === 'BUY' ? position + workingSameSide + quantity : position - workingSameSide - quantity;
}

export function checkMaxPosition(contract: string, position: number, projected: number, maxPosition: number): CheckResult {
  const inputs = { contract, position, projected, max_position: maxPosition };
  if (maxPosition === 0) return zeroLimit('max_position', inputs, 'maxPositionPerContract');
  if (Math.abs(projected) <= maxPosition) return allow('max_position', inputs);
  return deny('max_position', inputs, reason('MAX_POSITION', { contract, projected, max: maxPosition }));
}

/** Exposure in exact twentieths of a TX contract: sum over contracts of |position| x factor. */
export function checkTxEquivExposure(currentTwentieths: number, projectedTwentieths: number, maxTwentieths: number): CheckResult {
  const inputs = { current_twentieths: currentTwentieths, projected_twentieths: projectedTwentieths, max_twentieths: maxTwentieths };
  if (maxTwentieths === 0) return zeroLimit('tx_equiv_exposure', inputs, 'maxTxEquivExposure');
  if (projectedTwentieths <= maxTwentieths) return allow('tx_equiv_exposure', inputs);
  return deny(
    'tx_equiv_exposure',
    inputs,
    reason('MAX_TX_EQUIV_EXPOSURE', { projected: twentiethsToDecimal(projectedTwentieths), max: twentiethsToDecimal(maxTwentieths) }),
  );
}

/** 5 -> "0.25": exact, for reasons and reports. */
export function twentiethsToDecimal(twentieths: number): string {
  const hundredths = twentieths * 5;
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function checkOpenOrders(openOrders: number, maxOpen: number): CheckResult {
  const inputs = { open_orders: openOrders, max_open_orders: maxOpen };
  if (maxOpen === 0) return zeroLimit('open_orders', inputs, 'maxOpenOrders');
  if (openOrders + 1 <= maxOpen) return allow('open_orders', inputs);
  return deny('open_orders', inputs, reason('MAX_OPEN_ORDERS', { open: openOrders, max: maxOpen }));
}

/** Initial margin the order adds (0 when it only reduces) must fit in equity not yet committed. */
export function checkMargin(orderMarginCents: number, equityCents: number, committedCents: number): CheckResult {
  const free = equityCents - committedCents;
  const inputs = { order_margin_cents: orderMarginCents, equity_cents: equityCents, committed_cents: committedCents, free_cents: free };
  // An order that adds no margin (it only reduces) is never blocked by a margin shortfall.
  if (orderMarginCents === 0 || orderMarginCents <= free) return allow('margin', inputs);
  return deny('margin', inputs, reason('MARGIN_EXCEEDS_FREE_EQUITY', { required_cents: orderMarginCents, free_cents: free }));
}
