import { maxTxEquivTwentieths, type RiskEnvelope } from '../../../src-shared/risk/envelope';
import type { PreTradeFacts } from './pre-trade-facts';
import { checkDailyLoss, checkDrawdown, checkFeedGap, checkVolatility } from '../../../src-shared/risk/breakers';
import { allow, type CheckResult } from '../../../src-shared/risk/check-result';
import { combineChecks, type RiskDecision } from '../../../src-shared/risk/combine';
import { checkLiquidity, checkQuoteAge, checkTradable } from '../../../src-shared/risk/market-checks';
import { checkMargin, checkMaxPosition, checkOpenOrders, checkTxEquivExposure } from '../../../src-shared/risk/exposure-checks';
import {
  checkIdempotency,
  checkMode,
  checkSubmitRate,
  checkTradingState,
  submitsInWindow,
  type TradingState,
} from '../../../src-shared/risk/flow-checks';
import { checkDailyLimit, checkNotional, checkQuantity, checkTickAlignment, notionalPrice } from '../../../src-shared/risk/order-checks';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import { VolatilityWindow } from './volatility-window';

/** Facts the engine reads from the rest of the core; quantity-dependent ones are functions of the (possibly cut) quantity. */

/**
 * Pre-trade checks plus the monitors that latch the trading state (loss, drawdown, volatility, feed
 * loss). The only writer of the trading state, the breaches and the cooldown: the core asks, it moves.
 */
export class RiskEngine {
  private tradingState: TradingState = 'ACTIVE';
  peakEquityCents: number;
  private cooldownUntil = 0;
  private readonly breachList: string[] = [];
  private readonly seenKeys = new Set<string>();
  private submitTimes: number[] = [];
  private readonly lastQuoteMs = new Map<string, number>();
  private readonly windows = new Map<string, VolatilityWindow>();
  private lastMid2 = new Map<string, number>();
  private watchStartMs: number | null = null;
  /**
   * No contract can be past the feed-loss limit at or before this time: a lower bound of every
   * (last quote or watch start) + feedLossMs. A quote can only lower it; a full check raises it.
   */
  private feedSafeUntilMs = -Infinity;

  constructor(
    readonly limits: RiskEnvelope,
    readonly startEquityCents: number,
  ) {
    this.peakEquityCents = startEquityCents;
  }

  get state(): TradingState {
    return this.tradingState;
  }

  get cooldownUntilMs(): number {
    return this.cooldownUntil;
  }

  get breaches(): readonly string[] {
    return this.breachList;
  }

  /** Moves the trading state; the state it left, or null when it was already there. */
  moveTo(to: TradingState): TradingState | null {
    const from = this.tradingState;
    if (from === to) return null;
    this.tradingState = to;
    return from;
  }

  /** Latches a breach: recorded, and no resume before the cooldown ends (returned). */
  latchBreach(why: string, nowMs: number): number {
    this.breachList.push(why);
    this.cooldownUntil = nowMs + this.limits.breakerCooldownMs;
    return this.cooldownUntil;
  }

  evaluate(intent: PaperOrderIntent, f: PreTradeFacts, nowMs: number): RiskDecision {
    const L = this.limits;
    const limitPrice = intent.limitPrice ?? null;
    const q = f.quote;
    const checks: CheckResult[] = [
      checkMode(f.mode),
      checkTradingState(this.tradingState, intent.reduceOnly, intent.side, intent.quantity, f.position),
    ];
    const cut = checks[1]?.verdict === 'REDUCE' ? (checks[1].quantity ?? intent.quantity) : intent.quantity;
    const seen = this.seenKeys.has(intent.idempotencyKey);
    this.seenKeys.add(intent.idempotencyKey);
    checks.push(
      checkIdempotency(intent.idempotencyKey, seen),
      checkTradable(intent.contract, f.known, f.sessionKind),
      checkTickAlignment(limitPrice, f.tick),
      checkDailyLimit(limitPrice, f.band),
      checkQuantity(cut, L.maxOrderQuantity),
      checkQuoteAge(q?.receiveTs ?? null, nowMs, L.maxQuoteAgeMs),
      checkLiquidity(intent.side, q?.bid ?? null, q?.ask ?? null, q?.bidSize ?? 0, q?.askSize ?? 0, L.maxSpreadPoints, L.minTopSize),
      checkNotional(notionalPrice(intent.side, limitPrice, q?.bid ?? null, q?.ask ?? null), f.multiplier, cut, L.maxNotionalPerOrderCents),
      checkMaxPosition(intent.contract, f.position, f.projectedPosition(cut), L.maxPositionPerContract),
      checkTxEquivExposure(f.currentTwentieths, f.projectedTwentieths(cut), maxTxEquivTwentieths(L)),
      checkOpenOrders(f.openOrders, L.maxOpenOrders),
      checkMargin(f.orderMarginCents(cut), f.equityCents, f.committedMarginCents),
      checkSubmitRate(this.recentSubmits(nowMs), L.maxSubmitsPerWindow, L.submitWindowMs),
      checkDailyLoss(this.startEquityCents, f.equityCents, L.maxDailyLossCents),
      checkDrawdown(this.peakEquityCents, f.equityCents, L.maxDrawdownBps),
      this.volatilityNow(intent.contract),
      this.feedNow(intent.contract, nowMs),
    );
    const decision = combineChecks(intent.quantity, checks);
    if (decision.verdict !== 'DENY') this.submitTimes.push(nowMs);
    return decision;
  }

  private recentSubmits(nowMs: number): number {
    // Keep only submits that can still count; the window check itself is the pure half-open rule.
    this.submitTimes = this.submitTimes.filter((t) => nowMs - t < this.limits.submitWindowMs);
    return submitsInWindow(this.submitTimes, nowMs, this.limits.submitWindowMs);
  }

  private volatilityNow(contract: string): CheckResult {
    const cur = this.lastMid2.get(contract);
    const ref = cur === undefined ? undefined : (this.windows.get(contract)?.farthestFrom(cur) ?? undefined);
    if (cur === undefined || ref === undefined || ref === null) {
      if (this.limits.volatilityMoveBps === 0 || this.limits.volatilityWindowMs === 0)
        return checkVolatility(1, 1, this.limits.volatilityMoveBps, this.limits.volatilityWindowMs);
      return allow('volatility', {
        reference_mid2: null,
        current_mid2: null,
        max_bps: this.limits.volatilityMoveBps,
        window_ms: this.limits.volatilityWindowMs,
      });
    }
    return checkVolatility(ref, cur, this.limits.volatilityMoveBps, this.limits.volatilityWindowMs);
  }

  /** At order time the gap is evidence only: a lost feed already moved the trading state, which decides. */
  private feedNow(contract: string, nowMs: number): CheckResult {
    const r = checkFeedGap(this.lastQuoteMs.get(contract) ?? this.watchStartMs ?? nowMs, nowMs, this.limits.feedLossMs);
    return this.limits.feedLossMs === 0 ? r : allow(r.check, r.inputs);
  }

  /** Called on every step before anything else: the feed-loss clock starts at the first step. */
  touch(nowMs: number): void {
    if (this.watchStartMs === null) this.watchStartMs = nowMs;
  }

  /** A quote arrived: feed clock and volatility window. Returns the breaker check when it trips. */
  observeQuote(contract: string, bid: number | null, ask: number | null, receiveTs: number): CheckResult | null {
    this.lastQuoteMs.set(contract, receiveTs);
    const L = this.limits;
    if (receiveTs + L.feedLossMs < this.feedSafeUntilMs) this.feedSafeUntilMs = receiveTs + L.feedLossMs;
    if (bid === null || ask === null || L.volatilityMoveBps === 0 || L.volatilityWindowMs === 0) return null;
    const mid2 = bid + ask;
    let w = this.windows.get(contract);
    if (w === undefined) {
      w = new VolatilityWindow(L.volatilityWindowMs);
      this.windows.set(contract, w);
    }
    w.push(receiveTs, mid2);
    this.lastMid2.set(contract, mid2);
    const ref = w.farthestFrom(mid2);
    if (ref === null) return null;
    // checkVolatility's own allow test, done first so a quiet quote builds no check record.
    if (Math.abs(mid2 - ref) * 10_000 <= ref * L.volatilityMoveBps) return null;
    const c = checkVolatility(ref, mid2, L.volatilityMoveBps, L.volatilityWindowMs);
    return c.verdict === 'DENY' ? c : null;
  }

  /** Equity changed: track the peak; return the loss or drawdown check that breached, if any. */
  observeEquity(equityCents: number): CheckResult | null {
    if (equityCents > this.peakEquityCents) this.peakEquityCents = equityCents;
    const L = this.limits;
    // The checks' own allow tests, done first so equity inside both limits builds no check records.
    const lossOk = L.maxDailyLossCents <= 0 || this.startEquityCents - equityCents <= L.maxDailyLossCents;
    const drawdownOk = L.maxDrawdownBps <= 0 || equityCents * 10_000 >= this.peakEquityCents * (10_000 - L.maxDrawdownBps);
    if (lossOk && drawdownOk) return null;
    if (L.maxDailyLossCents > 0) {
      const c = checkDailyLoss(this.startEquityCents, equityCents, L.maxDailyLossCents);
      if (c.verdict === 'DENY') return c;
    }
    if (L.maxDrawdownBps > 0) {
      const c = checkDrawdown(this.peakEquityCents, equityCents, L.maxDrawdownBps);
      if (c.verdict === 'DENY') return c;
    }
    return null;
  }

  /** Contracts in an open session that have gone quiet for longer than the limit (the clock starts at the later of open and first step). */
  observeFeed(nowMs: number, open: readonly { contract: string; opensAt: number }[]): CheckResult | null {
    for (const { contract, opensAt } of open) {
      const lost = this.feedLost(contract, opensAt, nowMs);
      if (lost !== null) return lost;
    }
    return null;
  }

  /** True when no contract can have lost its feed at `nowMs`, so the per-contract feed check can be skipped. */
  feedSurelyFresh(nowMs: number): boolean {
    return nowMs <= this.feedSafeUntilMs;
  }

  /** After a full feed check over `contracts` found nothing lost: the earliest time one of them could be. */
  noteFeedChecked(contracts: readonly { contract: string }[]): void {
    let until = Infinity;
    for (const { contract } of contracts) {
      const since = this.lastQuoteMs.get(contract) ?? this.watchStartMs;
      if (since === null) {
        until = -Infinity;
        break;
      }
      until = Math.min(until, since + this.limits.feedLossMs);
    }
    this.feedSafeUntilMs = until;
  }

  /** One contract of `observeFeed`; the core calls it per open contract without building the list. */
  feedLost(contract: string, opensAt: number, nowMs: number): CheckResult | null {
    if (this.limits.feedLossMs === 0) return null;
    const since = Math.max(this.lastQuoteMs.get(contract) ?? this.watchStartMs ?? nowMs, opensAt);
    // checkFeedGap's own allow test, done first so a fresh feed builds no check record.
    if (nowMs - since <= this.limits.feedLossMs) return null;
    const r = checkFeedGap(since, nowMs, this.limits.feedLossMs);
    return r.verdict === 'DENY' ? { ...r, inputs: { ...r.inputs, contract } } : null;
  }
}
