import { allow, deny, reason, zeroLimit, type CheckResult } from './check-result';

/** Daily loss counts realized and unrealized PnL, fees and tax: it is the fall in paper equity. */
export function checkDailyLoss(startOfDayEquityCents: number, equityCents: number, maxLossCents: number): CheckResult {
  const loss = startOfDayEquityCents - equityCents;
  const inputs = { start_equity_cents: startOfDayEquityCents, equity_cents: equityCents, loss_cents: loss, max_cents: maxLossCents };
  if (maxLossCents === 0) return zeroLimit('daily_loss', inputs, 'maxDailyLossCents');
  if (loss <= maxLossCents) return allow('daily_loss', inputs);
  return deny('daily_loss', inputs, reason('MAX_DAILY_LOSS', { loss_cents: loss, max_cents: maxLossCents }));
}

/** Integer comparison: equity x 10000 vs peak x (10000 - bps), so exactly -5.00% passes a 500 bps limit. */
export function checkDrawdown(peakEquityCents: number, equityCents: number, maxBps: number): CheckResult {
  const inputs = { peak_equity_cents: peakEquityCents, equity_cents: equityCents, max_bps: maxBps };
  if (maxBps === 0) return zeroLimit('drawdown', inputs, 'maxDrawdownBps');
  if (equityCents * 10_000 >= peakEquityCents * (10_000 - maxBps)) return allow('drawdown', inputs);
  return deny('drawdown', inputs, reason('MAX_DRAWDOWN', { peak_cents: peakEquityCents, equity_cents: equityCents, max_bps: maxBps }));
}

/**
 * A move beyond `maxBps` between a reference mid and now trips the breaker. Mids are doubled
 * (bid + ask) so they stay integers; the ratio is unchanged.
 */
export function checkVolatility(referenceMid2: number, currentMid2: number, maxBps: number, windowMs: number): CheckResult {
  const inputs = { reference_mid2: referenceMid2, current_mid2: currentMid2, max_bps: maxBps, window_ms: windowMs };
  if (maxBps === 0) return zeroLimit('volatility', inputs, 'volatilityMoveBps');
  if (windowMs === 0) return zeroLimit('volatility', inputs, 'volatilityWindowMs');
  if (Math.abs(currentMid2 - referenceMid2) * 10_000 <= referenceMid2 * maxBps) return allow('volatility', inputs);
  const movedBpsFloor = Math.floor((Math.abs(currentMid2 - referenceMid2) * 10_000) / referenceMid2);
  return deny('volatility', inputs, reason('VOLATILITY_BREAKER', { move_bps: movedBpsFloor, max_bps: maxBps, window_ms: windowMs }));
}

/** No quote for more than `maxGapMs` in an open session: the feed is considered lost. */
export function checkFeedGap(lastQuoteMs: number, nowMs: number, maxGapMs: number): CheckResult {
  const gap = nowMs - lastQuoteMs;
  const inputs = { last_quote_ms: lastQuoteMs, now_ms: nowMs, gap_ms: gap, max_ms: maxGapMs };
  if (maxGapMs === 0) return zeroLimit('feed_gap', inputs, 'feedLossMs');
  if (gap <= maxGapMs) return allow('feed_gap', inputs);
  return deny('feed_gap', inputs, reason('DATA_FEED_LOSS', { gap_ms: gap, max_ms: maxGapMs }));
}
