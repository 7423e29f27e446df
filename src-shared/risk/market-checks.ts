import type { Side } from '../orders/intent';
import { allow, deny, reason, zeroLimit, type CheckResult } from './check-result';

/** The contract must be configured and inside an open session that has not been ended. */
export function checkTradable(contract: string, known: boolean, sessionKind: string | null): CheckResult {
  const inputs = { contract, known, session: sessionKind };
  if (known && sessionKind !== null) return allow('tradable', inputs);
  return deny('tradable', inputs, reason('NO_MARKET', { contract, session: sessionKind, known }));
}

/** Stale iff age > max (an age equal to the maximum passes). No quote at all is stale. */
export function checkQuoteAge(receiveTs: number | null, nowMs: number, maxAgeMs: number): CheckResult {
  const age = receiveTs === null ? null : nowMs - receiveTs;
  const inputs = { quote_receive_ts: receiveTs, now_ms: nowMs, age_ms: age, max_ms: maxAgeMs };
  if (maxAgeMs === 0) return zeroLimit('quote_age', inputs, 'maxQuoteAgeMs');
  if (age !== null && age <= maxAgeMs) return allow('quote_age', inputs);
  return deny('quote_age', inputs, reason('STALE_QUOTE', { age_ms: age, max_ms: maxAgeMs }));
}

/** Spread and the size on the side the order would take must look like a market. */
export function checkLiquidity(
  side: Side,
  bid: number | null,
  ask: number | null,
  bidSize: number,
  askSize: number,
  maxSpread: number,
  minTopSize: number,
): CheckResult {
  const spread = bid === null || ask === null ? null : ask - bid;
  const topSize = side === 'BUY' ? askSize : bidSize;
  const inputs = { bid, ask, spread, top_size: topSize, max_spread: maxSpread, min_top_size: minTopSize };
  if (maxSpread === 0) return zeroLimit('liquidity', inputs, 'maxSpreadPoints');
  if (minTopSize === 0) return zeroLimit('liquidity', inputs, 'minTopSize');
  if (spread === null || spread > maxSpread) return deny('liquidity', inputs, reason('ILLIQUID_QUOTE', { spread, max_spread: maxSpread }));
  if (topSize < minTopSize) return deny('liquidity', inputs, reason('ILLIQUID_QUOTE', { top_size: topSize, min_top_size: minTopSize }));
  return allow('liquidity', inputs);
}
