import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { chargesOn } from '../../../src-shared/fees/fees';
import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import { isWorking } from '../../../src-shared/oms/order-state-machine';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import { totals, type PortfolioState } from '../../../src-shared/portfolio/portfolio';
import type { CheckResult } from '../../../src-shared/risk/check-result';
import { reason } from '../../../src-shared/risk/check-result';
import type { TradingState } from '../../../src-shared/risk/flow-checks';
import type { TradingCore, TradingSnapshot } from '../trading-core';
import { Accounting } from './accounting';
import { chargesFor, TradingCoreConfigSchema, type TradingCoreConfig, type TradingCoreConfigInput } from './config';
import { Oms } from './oms';
import { OrderRouting } from './order-routing';
import { PaperVenue } from './paper-venue';
import { riskDecisionPayload } from './risk-decision-event';
import { LatencyModel } from './latency-model';
import { intentRoot, preTradeFacts } from './pre-trade-facts';
import { RiskEngine } from './risk-engine';
import { SessionCalendar } from './session-calendar';
import { StepLog } from './step-log';

/** A fill reported by the venue outside the matching loop: fault injection for late and duplicate fills. */
export interface InjectedFill {
  orderId: string;
  fillId: string;
  price: number;
  quantity: number;
  liquidity?: 'maker' | 'taker';
}

export interface PaperTradingCore extends TradingCore {
  injectFill(fill: InjectedFill, nowMs: number): PipelineEvent[];
  /** The current fold state (read-only use): tests rebuild it from `broker.fill` events and compare. */
  portfolio(): PortfolioState;
}

const SYSTEM = 'system';

export function createTradingCore(config: TradingCoreConfig | TradingCoreConfigInput): PaperTradingCore {
  return new Core(TradingCoreConfigSchema.parse(config));
}

/**
 * The thin facade over the parts, each owning its state: the calendar (contracts and sessions), the
 * risk engine (trading state, breaches), the OMS (orders and their fills), the venue (matching), the
 * action queue (latency), the order routing (an accepted order's way through the broker, fills recorded)
 * and accounting (charges, portfolio, margin). It sequences one step at a time; the step's events go
 * through one StepLog.
 */
class Core implements PaperTradingCore {
  private readonly log = new StepLog();
  private readonly calendar: SessionCalendar;
  private readonly quotes = new Map<string, Quote>();
  private readonly oms = new Oms();
  private readonly venue: PaperVenue;
  private readonly risk: RiskEngine;
  private readonly accounts: Accounting;
  private readonly latency: LatencyModel;
  private readonly routing: OrderRouting;
  private maxDrawdownCents = 0;

  constructor(private readonly cfg: TradingCoreConfig) {
    this.calendar = new SessionCalendar(cfg);
    this.venue = new PaperVenue(cfg.fillModel.marketProtectionPoints);
    this.risk = new RiskEngine(cfg.risk, cfg.startEquityCents);
    this.accounts = new Accounting(cfg);
    this.latency = new LatencyModel(cfg.fillModel);
    this.routing = new OrderRouting({
      oms: this.oms,
      venue: this.venue,
      latency: this.latency,
      accounts: this.accounts,
      calendar: this.calendar,
      quotes: this.quotes,
      log: this.log,
      onFilled: (atMs) => this.watchEquity(atMs),
    });
  }

  // ---- the TradingCore steps -------------------------------------------------------------------

  // The per-event step, written out rather than through step(): no closure per market event.
  onMarket(event: MarketEvent, nowMs: number): PipelineEvent[] {
    this.beginStep(nowMs);
    if (event.kind === 'quote') this.handleQuote(event.quote, nowMs);
    else if (this.calendar.has(event.trade.contract)) this.routing.venueActions(this.venue.onTrade(event.trade), nowMs);
    return this.endStep(nowMs);
  }

  onTime(nowMs: number): PipelineEvent[] {
    this.beginStep(nowMs);
    return this.endStep(nowMs);
  }

  submit(intent: PaperOrderIntent, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => this.handleSubmit(intent, nowMs));
  }

  cancel(orderId: string, requestedBy: string, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      const order = this.oms.orders.get(orderId);
      if (order === undefined) {
        this.log.emit('oms.error', nowMs, 'oms', {
          order_id: orderId,
          state: null,
          event: 'CANCEL_REQUEST',
          error: reason('UNKNOWN_ORDER', { order_id: orderId }),
          context: null,
        });
        return;
      }
      this.routing.requestCancel(order, reason('CANCEL_REQUESTED', { by: requestedBy }), requestedBy, nowMs);
    });
  }

  halt(operator: string, why: string, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      this.log.emit('operator.halt', nowMs, `operator:${operator}`, { operator, reason: why });
      this.setState('HALTED', reason('KILL_SWITCH', { operator }), nowMs);
      this.cancelAll(reason('KILL_SWITCH_CANCEL', { trigger: 'operator', operator }), `operator:${operator}`, nowMs);
    });
  }

  resume(operator: string, why: string, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      this.log.emit('operator.resume', nowMs, `operator:${operator}`, { operator, reason: why });
      if (nowMs < this.risk.cooldownUntilMs) {
        this.log.emit('risk.resume_refused', nowMs, 'risk', {
          operator,
          reason: reason('COOLDOWN_ACTIVE', {
            remaining_ms: this.risk.cooldownUntilMs - nowMs,
            until: isoMillis(this.risk.cooldownUntilMs),
          }),
        });
        return;
      }
      this.setState('ACTIVE', reason('OPERATOR_RESUME', { operator }), nowMs);
    });
  }

  endSession(nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      for (const order of this.oms.orders.values()) {
        if (!isWorking(order.state)) continue;
        this.venue.remove(order.orderId);
        const why = reason('SESSION_END_EXPIRY', {
          tif: order.intent.timeInForce,
          filled: order.filled,
          remaining: order.quantity - order.filled,
        });
        this.log.emit('broker.expire', nowMs, 'broker', { order_id: order.orderId, reason: why });
        this.oms.apply(order, 'EXPIRE', nowMs, why, this.log.events);
      }
      this.calendar.endAt(nowMs);
      this.log.emit('session.end', nowMs, SYSTEM, { session_id: this.cfg.sessionId });
    });
  }

  injectFill(fill: InjectedFill, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      if (this.accounts.seen(fill.fillId)) {
        this.log.emit('broker.fill_duplicate', nowMs, 'broker', {
          fill_id: fill.fillId,
          order_id: fill.orderId,
          reason: reason('DUPLICATE_FILL_ID', { fill_id: fill.fillId }),
        });
        return;
      }
      const order = this.oms.orders.get(fill.orderId);
      if (order === undefined) {
        this.log.emit('oms.error', nowMs, 'oms', {
          order_id: fill.orderId,
          state: null,
          event: 'FILL',
          error: reason('UNKNOWN_ORDER', { order_id: fill.orderId }),
          context: fill.fillId,
        });
        return;
      }
      if (
        this.routing.recordFill(
          order,
          fill.fillId,
          fill.price,
          fill.quantity,
          fill.liquidity ?? 'maker',
          reason('VENUE_REPORTED_FILL', { fill_id: fill.fillId }),
          nowMs,
          nowMs,
        )
      ) {
        this.venue.reduceRemaining(order.orderId, fill.quantity);
      }
    });
  }

  snapshot(): TradingSnapshot {
    const t = totals(this.accounts.book);
    const { open, ...counts } = this.oms.counts();
    return {
      tradingState: this.risk.state,
      positions: this.accounts.positionsView(),
      openOrders: open,
      equityCents: t.equityCents,
      startEquityCents: this.cfg.startEquityCents,
      marginInUseCents: this.accounts.marginInUse(this.calendar.tradingDay(this.lastNowMs)),
      txEquivTwentieths: t.txEquivTwentieths,
      counts: { ...counts, fills: this.accounts.fills },
      maxDrawdownCents: this.maxDrawdownCents,
      breaches: [...this.risk.breaches],
    };
  }

  portfolio(): PortfolioState {
    return this.accounts.book;
  }

  // ---- step plumbing -----------------------------------------------------------------------------

  private lastNowMs = 0;

  private step(nowMs: number, body: () => void): PipelineEvent[] {
    this.beginStep(nowMs);
    body();
    return this.endStep(nowMs);
  }

  private beginStep(nowMs: number): void {
    this.log.begin();
    this.lastNowMs = nowMs;
    this.risk.touch(nowMs);
    this.drain(nowMs);
  }

  private endStep(nowMs: number): PipelineEvent[] {
    this.drain(nowMs);
    this.watchFeed(nowMs);
    // A feed-loss halt sends cancels; with zero latency they land in this same step.
    this.drain(nowMs);
    return this.log.events;
  }

  /** Run every latency-queued action that is due, in (due time, arrival order) order, stamped at its due time. */
  private drain(nowMs: number): void {
    for (let a = this.latency.takeDue(nowMs); a !== undefined; a = this.latency.takeDue(nowMs)) {
      const order = this.oms.orders.get(a.orderId);
      if (order === undefined) continue;
      if (a.kind === 'arrive') this.routing.arrive(order, a.due);
      else if (a.kind === 'ack_timeout') this.routing.ackTimeout(order, a.due);
      else this.routing.cancelArrived(order, a.why, a.due);
    }
  }

  // ---- market data -------------------------------------------------------------------------------

  private handleQuote(q: Quote, nowMs: number): void {
    if (!this.calendar.has(q.contract)) return;
    this.quotes.set(q.contract, q);
    const trip = this.risk.observeQuote(q.contract, q.bid, q.ask, q.receiveTs);
    const p = this.accounts.mark(q.contract, q.bid, q.ask);
    this.routing.venueActions(this.venue.onQuote(q), nowMs);
    if (trip !== null) this.trip(trip, 'VOLATILITY_BREAKER', nowMs, 'HALTED');
    if (p !== undefined && p.quantity !== 0) this.watchEquity(nowMs);
  }

  private watchEquity(nowMs: number): void {
    const equity = this.accounts.equity();
    const breach = this.risk.observeEquity(equity);
    const dd = this.risk.peakEquityCents - equity;
    if (dd > this.maxDrawdownCents) this.maxDrawdownCents = dd;
    if (breach !== null) this.trip(breach, breach.check === 'daily_loss' ? 'MAX_DAILY_LOSS' : 'MAX_DRAWDOWN', nowMs, 'HALTED');
  }

  private watchFeed(nowMs: number): void {
    if (this.risk.state !== 'ACTIVE' || this.cfg.risk.feedLossMs === 0 || this.risk.feedSurelyFresh(nowMs)) return;
    // RiskEngine.observeFeed over the open contracts, one contract at a time so no list is built.
    for (const c of this.calendar.list) {
      const w = this.calendar.sessionOf(c, nowMs);
      if (w === null) continue;
      const lost = this.risk.feedLost(c.contract, w.opensAt, nowMs);
      if (lost === null) continue;
      this.trip(lost, 'DATA_FEED_LOSS', nowMs, this.cfg.risk.feedLossAction);
      return;
    }
    this.risk.noteFeedChecked(this.calendar.list);
  }

  // ---- risk state ------------------------------------------------------------------------------

  private setState(to: TradingState, why: string, nowMs: number): void {
    const from = this.risk.moveTo(to);
    if (from !== null) this.log.emit('risk.state', nowMs, 'risk', { from, to, reason: why });
  }

  /** A breach or breaker latches the state; HALTED also cancels every working order. */
  private trip(check: CheckResult, code: string, nowMs: number, to: 'REDUCING' | 'HALTED'): void {
    if (this.risk.state === 'HALTED' || this.risk.state === to) return;
    const why = check.reason ?? code;
    const cooldownUntil = this.risk.latchBreach(why, nowMs);
    this.log.emit('risk.breach', nowMs, 'risk', {
      code,
      reason: why,
      check: check.check,
      inputs: check.inputs,
      action: to,
      cooldown_until: isoMillis(cooldownUntil),
    });
    this.setState(to, why, nowMs);
    if (to === 'HALTED') this.cancelAll(reason('KILL_SWITCH_CANCEL', { trigger: code }), 'risk', nowMs);
  }

  private cancelAll(why: string, by: string, nowMs: number): void {
    for (const order of this.oms.orders.values()) {
      if (order.state === 'SUBMITTED' || order.state === 'ACCEPTED' || order.state === 'PARTIALLY_FILLED')
        this.routing.requestCancel(order, why, by, nowMs);
    }
  }

  // ---- orders --------------------------------------------------------------------------------

  private handleSubmit(intent: PaperOrderIntent, nowMs: number): void {
    const info = this.calendar.info(intent.contract);
    const root = intentRoot(intent.contract, info);
    const pos = this.accounts.position(intent.contract);
    const day = this.calendar.tradingDay(nowMs);
    const t = totals(this.accounts.book);
    const facts = preTradeFacts({
      intent,
      mode: this.cfg.mode,
      info,
      root,
      sessionKind: info === undefined ? null : (this.calendar.session(intent.contract, nowMs)?.kind ?? null),
      quote: this.quotes.get(intent.contract),
      position: pos,
      workingOrders: this.oms.orders.values(),
      equityCents: t.equityCents,
      twentieths: t.txEquivTwentieths,
      marginInUseCents: this.accounts.marginInUse(day),
      initialMargin: (r) => chargesOn(chargesFor(this.cfg, r), day).initialMargin,
    });
    const decision = this.risk.evaluate(intent, facts, nowMs);
    const quote = this.quotes.get(intent.contract);
    const orderId = this.oms.peekId();
    this.log.emit(
      'risk.decision',
      nowMs,
      'risk',
      riskDecisionPayload({ orderId, intent, decision, tradingState: this.risk.state, quote, position: pos, nowMs }),
    );
    const order = this.oms.create(intent, root, decision.verdict === 'DENY' ? intent.quantity : decision.approved, nowMs, this.log.events);
    if (decision.verdict === 'DENY') {
      this.oms.apply(order, 'RISK_DENY', nowMs, decision.reason, this.log.events);
      return;
    }
    this.oms.apply(order, 'SUBMIT', nowMs, decision.reason, this.log.events);
    this.log.emit('broker.submit', nowMs, 'broker', this.latency.send(order.orderId, nowMs));
  }
}
