import { describe, expect, it } from 'vitest';
import { checkDailyLoss, checkDrawdown, checkFeedGap, checkVolatility } from '../../../src-shared/risk/breakers';
import { reason } from '../../../src-shared/risk/check-result';
import { combineChecks } from '../../../src-shared/risk/combine';
import { maxTxEquivTwentieths, RiskEnvelopeSchema, txEquivToTwentieths } from '../../../src-shared/risk/envelope';
import { checkMargin, checkMaxPosition, checkOpenOrders, checkTxEquivExposure } from '../../../src-shared/risk/exposure-checks';
import { checkIdempotency, checkMode, checkSubmitRate, checkTradingState, submitsInWindow } from '../../../src-shared/risk/flow-checks';
import { checkLiquidity, checkQuoteAge, checkTradable } from '../../../src-shared/risk/market-checks';
import { checkDailyLimit, checkNotional, checkQuantity, checkTickAlignment } from '../../../src-shared/risk/order-checks';

const verdict = (r: { verdict: string; reason: string | null }) => [r.verdict, r.reason];

describe('reason strings', () => {
  it('are CODE: key=value, ... with none for null', () => {
    expect(reason('STALE_QUOTE', { age_ms: 2001, max_ms: 2000 })).toBe('STALE_QUOTE: age_ms=2001, max_ms=2000');
    expect(reason('STALE_QUOTE', { age_ms: null, max_ms: 2000 })).toBe('STALE_QUOTE: age_ms=none, max_ms=2000');
    expect(reason('TRADING_HALTED')).toBe('TRADING_HALTED');
  });
});

describe('limits: value = max passes, max + 1 denies, 0 denies LIMIT_IS_ZERO', () => {
  it('quantity', () => {
    expect(verdict(checkQuantity(5, 5))).toEqual(['ALLOW', null]);
    expect(verdict(checkQuantity(6, 5))).toEqual(['DENY', 'QUANTITY_EXCEEDS_MAXIMUM: qty=6, max=5']);
    expect(verdict(checkQuantity(1, 0))).toEqual(['DENY', 'LIMIT_IS_ZERO: limit=maxOrderQuantity']);
    expect(checkQuantity(0, 5).verdict).toBe('DENY');
  });

  it('stale quote: stale iff age > max', () => {
    expect(verdict(checkQuoteAge(1000, 3000, 2000))).toEqual(['ALLOW', null]);
    expect(verdict(checkQuoteAge(1000, 3001, 2000))).toEqual(['DENY', 'STALE_QUOTE: age_ms=2001, max_ms=2000']);
    expect(verdict(checkQuoteAge(null, 3001, 2000))).toEqual(['DENY', 'STALE_QUOTE: age_ms=none, max_ms=2000']);
    expect(verdict(checkQuoteAge(3000, 3000, 0))).toEqual(['DENY', 'LIMIT_IS_ZERO: limit=maxQuoteAgeMs']);
    expect(checkQuoteAge(1000, 3001, 2000).inputs).toEqual({ quote_receive_ts: 1000, now_ms: 3001, age_ms: 2001, max_ms: 2000 });
  });

  it('spread and top size', () => {
    expect(checkLiquidity('BUY', 100, 105, 1, 3, 5, 3).verdict).toBe('ALLOW');
    expect(verdict(checkLiquidity('BUY', 100, 106, 1, 3, 5, 3))).toEqual(['DENY', 'ILLIQUID_QUOTE: spread=6, max_spread=5']);
    expect(verdict(checkLiquidity('BUY', 100, 105, 9, 2, 5, 3))).toEqual(['DENY', 'ILLIQUID_QUOTE: top_size=2, min_top_size=3']);
    expect(checkLiquidity('SELL', 100, 105, 3, 0, 5, 3).verdict).toBe('ALLOW');
    expect(verdict(checkLiquidity('BUY', null, 105, 0, 3, 5, 3))).toEqual(['DENY', 'ILLIQUID_QUOTE: spread=none, max_spread=5']);
    expect(checkLiquidity('BUY', 100, 101, 1, 3, 0, 3).reason).toBe('LIMIT_IS_ZERO: limit=maxSpreadPoints');
    expect(checkLiquidity('BUY', 100, 101, 1, 3, 5, 0).reason).toBe('LIMIT_IS_ZERO: limit=minTopSize');
  });

  it('notional per order (exact cents)', () => {
    // 23000 x 200 x 1 = NT$4,600,000 = 460,000,000 cents
    expect(checkNotional(23000, 200, 1, 460_000_000).verdict).toBe('ALLOW');
    expect(verdict(checkNotional(23000, 200, 1, 459_999_999))).toEqual([
      'DENY',
      'NOTIONAL_EXCEEDS_MAX_PER_ORDER: notional_cents=460000000, max_cents=459999999',
    ]);
    expect(checkNotional(null, 200, 1, 1).verdict).toBe('DENY');
    expect(checkNotional(23000, 200, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxNotionalPerOrderCents');
  });

  it('max position per contract', () => {
    expect(checkMaxPosition('TX 202701', 2, 3, 3).verdict).toBe('ALLOW');
    expect(checkMaxPosition('TX 202701', 2, -3, 3).verdict).toBe('ALLOW');
    expect(verdict(checkMaxPosition('TX 202701', 3, 4, 3))).toEqual(['DENY', 'MAX_POSITION: contract=TX 202701, projected=4, max=3']);
    expect(checkMaxPosition('TX 202701', 0, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxPositionPerContract');
  });

  it('TX-equivalent exposure in exact twentieths', () => {
    // limit 0.25: one MTX (5) or five TMF (5) pass; a sixth TMF (6) does not.
    expect(checkTxEquivExposure(0, 5, 5).verdict).toBe('ALLOW');
    expect(verdict(checkTxEquivExposure(5, 6, 5))).toEqual(['DENY', 'MAX_TX_EQUIV_EXPOSURE: projected=0.30, max=0.25']);
    expect(checkTxEquivExposure(0, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxTxEquivExposure');
    expect(txEquivToTwentieths('0.25')).toBe(5);
    expect(txEquivToTwentieths('1')).toBe(20);
    expect(txEquivToTwentieths('0.33')).toBeNull();
    expect(maxTxEquivTwentieths(RiskEnvelopeSchema.parse({ maxTxEquivExposure: 0.05 }))).toBe(1);
  });

  it('open orders', () => {
    expect(checkOpenOrders(2, 3).verdict).toBe('ALLOW');
    expect(verdict(checkOpenOrders(3, 3))).toEqual(['DENY', 'MAX_OPEN_ORDERS: open=3, max=3']);
    expect(checkOpenOrders(0, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxOpenOrders');
  });

  it('margin vs free equity', () => {
    expect(checkMargin(300, 1000, 700).verdict).toBe('ALLOW');
    expect(verdict(checkMargin(301, 1000, 700))).toEqual(['DENY', 'MARGIN_EXCEEDS_FREE_EQUITY: required_cents=301, free_cents=300']);
    expect(checkMargin(0, 1000, 5000).verdict).toBe('ALLOW');
  });

  it('submit rate: sliding, half-open window', () => {
    expect(submitsInWindow([0, 500], 999, 1000)).toBe(2);
    expect(submitsInWindow([0, 500], 1000, 1000)).toBe(1); // now - then = window: no longer counts
    expect(checkSubmitRate(1, 2, 1000).verdict).toBe('ALLOW');
    expect(verdict(checkSubmitRate(2, 2, 1000))).toEqual(['DENY', 'RATE_LIMIT_EXCEEDED: submits=3, max=2, window_ms=1000']);
    expect(checkSubmitRate(0, 0, 1000).reason).toBe('LIMIT_IS_ZERO: limit=maxSubmitsPerWindow');
    expect(checkSubmitRate(0, 5, 0).reason).toBe('LIMIT_IS_ZERO: limit=submitWindowMs');
  });

  it('daily loss counts the whole fall in equity; equal passes', () => {
    expect(checkDailyLoss(1_000_000, 995_000, 5_000).verdict).toBe('ALLOW');
    expect(verdict(checkDailyLoss(1_000_000, 994_999, 5_000))).toEqual(['DENY', 'MAX_DAILY_LOSS: loss_cents=5001, max_cents=5000']);
    expect(checkDailyLoss(1, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxDailyLossCents');
  });

  it('drawdown with integer bps: -5.000% passes 500 bps, -5.0001% trips', () => {
    expect(checkDrawdown(100_000_000, 95_000_000, 500).verdict).toBe('ALLOW');
    expect(checkDrawdown(100_000_000, 94_999_990, 500).verdict).toBe('DENY');
    expect(checkDrawdown(100_000_000, 94_999_990, 500).reason).toBe(
      'MAX_DRAWDOWN: peak_cents=100000000, equity_cents=94999990, max_bps=500',
    );
    expect(checkDrawdown(1, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=maxDrawdownBps');
  });

  it('volatility breaker on doubled mids', () => {
    // reference mid 10000 (mid2 20000), 50 bps = 50 points: 10050 passes, 10050.5 trips
    expect(checkVolatility(20_000, 20_100, 50, 1000).verdict).toBe('ALLOW');
    expect(checkVolatility(20_000, 19_900, 50, 1000).verdict).toBe('ALLOW');
    expect(verdict(checkVolatility(20_000, 20_101, 50, 1000))).toEqual([
      'DENY',
      'VOLATILITY_BREAKER: move_bps=50, max_bps=50, window_ms=1000',
    ]);
    expect(checkVolatility(1, 1, 0, 1000).reason).toBe('LIMIT_IS_ZERO: limit=volatilityMoveBps');
    expect(checkVolatility(1, 1, 5, 0).reason).toBe('LIMIT_IS_ZERO: limit=volatilityWindowMs');
  });

  it('data-feed gap', () => {
    expect(checkFeedGap(0, 3000, 3000).verdict).toBe('ALLOW');
    expect(verdict(checkFeedGap(0, 3001, 3000))).toEqual(['DENY', 'DATA_FEED_LOSS: gap_ms=3001, max_ms=3000']);
    expect(checkFeedGap(0, 1, 0).reason).toBe('LIMIT_IS_ZERO: limit=feedLossMs');
  });
});

describe('order and state checks', () => {
  it('tick alignment and daily limit band', () => {
    expect(checkTickAlignment(23001, 1).verdict).toBe('ALLOW');
    expect(checkTickAlignment(null, 1).verdict).toBe('ALLOW');
    expect(verdict(checkTickAlignment(23001, 2))).toEqual(['DENY', 'TICK_MISALIGNED: price=23001, tick=2']);
    const band = { lower: 20700, upper: 25300 };
    expect(checkDailyLimit(25300, band).verdict).toBe('ALLOW');
    expect(checkDailyLimit(20700, band).verdict).toBe('ALLOW');
    expect(verdict(checkDailyLimit(25301, band))).toEqual(['DENY', 'PRICE_OUTSIDE_DAILY_LIMIT: price=25301, lower=20700, upper=25300']);
    expect(checkDailyLimit(20699, band).verdict).toBe('DENY');
    expect(checkDailyLimit(23000, null).verdict).toBe('DENY');
  });

  it('mode, tradable and idempotency', () => {
    expect(checkMode('paper').verdict).toBe('ALLOW');
    expect(checkMode('other').reason).toBe('MODE_NOT_PAPER: mode=other');
    expect(checkTradable('TX 202701', true, 'regular').verdict).toBe('ALLOW');
    expect(checkTradable('TX 202701', true, null).reason).toBe('NO_MARKET: contract=TX 202701, session=none, known=true');
    expect(checkIdempotency('k', false).verdict).toBe('ALLOW');
    expect(checkIdempotency('k', true).reason).toBe('DUPLICATE_IDEMPOTENCY_KEY: key=k');
  });

  it('trading state: HALTED denies, REDUCING admits only reduce-only that cannot flip, ACTIVE cuts a flipping reduce-only', () => {
    expect(checkTradingState('HALTED', true, 'SELL', 1, 2).reason).toBe('TRADING_HALTED: state=HALTED');
    expect(checkTradingState('REDUCING', false, 'SELL', 1, 2).reason).toBe('TRADING_STATE_REDUCING: reduce_only=false');
    expect(checkTradingState('REDUCING', true, 'SELL', 2, 2).verdict).toBe('ALLOW');
    expect(checkTradingState('REDUCING', true, 'SELL', 3, 2).reason).toBe('REDUCE_ONLY_WOULD_FLIP: position=2, side=SELL, qty=3');
    const cut = checkTradingState('ACTIVE', true, 'SELL', 3, 2);
    expect([cut.verdict, cut.quantity]).toEqual(['REDUCE', 2]);
    expect(checkTradingState('ACTIVE', true, 'BUY', 1, 2).verdict).toBe('DENY');
    expect(checkTradingState('ACTIVE', false, 'BUY', 1, 2).verdict).toBe('ALLOW');
  });

  it('combining: any deny wins (first is the headline), else the smallest reduce', () => {
    const d = combineChecks(3, [
      checkQuantity(3, 5),
      checkTradingState('ACTIVE', true, 'SELL', 3, 2),
      checkOpenOrders(3, 3),
      checkQuantity(9, 5),
    ]);
    expect([d.verdict, d.approved, d.reason]).toEqual(['DENY', 0, 'MAX_OPEN_ORDERS: open=3, max=3']);
    const r = combineChecks(3, [checkQuantity(3, 5), checkTradingState('ACTIVE', true, 'SELL', 3, 2)]);
    expect([r.verdict, r.approved, r.reason]).toEqual(['REDUCE', 2, 'REDUCE_ONLY_WOULD_FLIP: position=2, side=SELL, qty=3']);
  });
});

describe('RiskEnvelopeSchema', () => {
  it('defaults every limit to 0 and rejects unknown keys and wrong types', () => {
    const e = RiskEnvelopeSchema.parse({});
    expect(e.maxOrderQuantity).toBe(0);
    expect(e.maxDailyLossCents).toBe(0);
    expect(e.feedLossAction).toBe('REDUCING');
    const unknown = RiskEnvelopeSchema.safeParse({ maxOrderQty: 1 });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('maxOrderQty');
    const wrong = RiskEnvelopeSchema.safeParse({ maxOrderQuantity: '5' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['maxOrderQuantity']);
    expect(RiskEnvelopeSchema.safeParse({ maxTxEquivExposure: '0.33' }).success).toBe(false);
    expect(RiskEnvelopeSchema.safeParse({ maxOrderQuantity: 1.5 }).success).toBe(false);
  });

  it('parsing twice is harmless', () => {
    const once = RiskEnvelopeSchema.parse({ maxTxEquivExposure: '0.25', maxOrderQuantity: 2 });
    expect(RiskEnvelopeSchema.parse(once)).toEqual(once);
  });
});
