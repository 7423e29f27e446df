import type { Side } from '../orders/intent';
import { allow, deny, reduce, reason, zeroLimit, type CheckResult } from './check-result';

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';

/** Papertape only has one mode; anything else is refused before it can do harm. */
export function checkMode(mode: string): CheckResult {
  const inputs = { mode };
  if (mode === 'paper') return allow('mode', inputs);
  return deny('mode', inputs, reason('MODE_NOT_PAPER', { mode }));
}

/**
 * HALTED denies every new order. REDUCING admits only reduce-only orders that cannot flip.
 * In ACTIVE a reduce-only order larger than the position is cut to it (it must never flip).
 */
export function checkTradingState(state: TradingState, reduceOnly: boolean, side: Side, quantity: number, position: number): CheckResult {
  const inputs = { trading_state: state, reduce_only: reduceOnly, side, quantity, position };
  if (state === 'HALTED') return deny('trading_state', inputs, reason('TRADING_HALTED', { state }));
  if (state === 'REDUCING' && !reduceOnly) return deny('trading_state', inputs, reason('TRADING_STATE_REDUCING', { reduce_only: false }));
  if (!reduceOnly) return allow('trading_state', inputs);
  const reducible = side === 'BUY' ? Math.max(0, -position) : Math.max(0, position);
  if (quantity <= reducible) return allow('trading_state', inputs);
  const why = reason('REDUCE_ONLY_WOULD_FLIP', { position, side, qty: quantity });
  if (state === 'REDUCING' || reducible === 0) return deny('trading_state', inputs, why);
  return reduce('trading_state', inputs, reducible, why);
}

/** Sliding, half-open window: an earlier submit counts while now - then < window. */
export function submitsInWindow(submitTimes: readonly number[], nowMs: number, windowMs: number): number {
  let n = 0;
  for (const t of submitTimes) if (nowMs - t < windowMs) n++;
  return n;
}

export function checkSubmitRate(recentSubmits: number, maxPerWindow: number, windowMs: number): CheckResult {
  const inputs = { submits_in_window: recentSubmits, max_per_window: maxPerWindow, window_ms: windowMs };
  if (maxPerWindow === 0) return zeroLimit('submit_rate', inputs, 'maxSubmitsPerWindow');
  if (windowMs === 0) return zeroLimit('submit_rate', inputs, 'submitWindowMs');
  if (recentSubmits + 1 <= maxPerWindow) return allow('submit_rate', inputs);
  return deny('submit_rate', inputs, reason('RATE_LIMIT_EXCEEDED', { submits: recentSubmits + 1, max: maxPerWindow, window_ms: windowMs }));
}

export function checkIdempotency(key: string, seen: boolean): CheckResult {
  const inputs = { idempotency_key: key, seen };
  if (!seen) return allow('idempotency', inputs);
  return deny('idempotency', inputs, reason('DUPLICATE_IDEMPOTENCY_KEY', { key }));
}
