import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { pipelineEvent, type PipelineEventType, type PipelinePayload } from '../../../src-shared/events/catalog';
import { BROKER_FILL } from '../../../src-shared/events/broker-fill';
import { PORTFOLIO_UPDATE } from '../../../src-shared/events/portfolio-update';
import { chargesOn } from '../../../src-shared/fees/fees';
import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import { isWorking, transition, type OrderEvent } from '../../../src-shared/oms/order-state-machine';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import { ratioToDecimal } from '../../../src-shared/portfolio/decimal';
import { totals, type PortfolioState } from '../../../src-shared/portfolio/portfolio';
import type { CheckResult } from '../../../src-shared/risk/check-result';
import { reason } from '../../../src-shared/risk/check-result';
import type { TradingState } from '../../../src-shared/risk/flow-checks';
import type { TradingCore, TradingSnapshot } from '../trading-core';
import { Accounting, type FillFacts } from './accounting';
import { chargesFor, TradingCoreConfigSchema, type TradingCoreConfig, type TradingCoreConfigInput } from './config';
import { Oms, type OmsOrder } from './oms';
import { PaperVenue, type VenueAction } from './paper-venue';
import { riskDecisionPayload } from './risk-decision-event';
import { LatencyModel } from './latency-model';
import { intentRoot, preTradeFacts } from './pre-trade-facts';
import { RiskEngine } from './risk-engine';
import { SessionCalendar } from './session-calendar';

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
 * action queue (latency) and accounting (charges, portfolio, margin). It sequences one step at a time.
 */
class Core implements PaperTradingCore {
  private out: PipelineEvent[] = [];
  private readonly calendar: SessionCalendar;
  private readonly quotes = new Map<string, Quote>();
  private readonly oms = new Oms();
  private readonly venue: PaperVenue;
  private readonly risk: RiskEngine;
  private readonly accounts: Accounting;
  private readonly latency: LatencyModel;
  private fillSeq = 0;
  private maxDrawdownCents = 0;

  constructor(private readonly cfg: TradingCoreConfig) {
    this.calendar = new SessionCalendar(cfg);
    this.venue = new PaperVenue(cfg.fillModel.marketProtectionPoints);
    this.risk = new RiskEngine(cfg.risk, cfg.startEquityCents);
    this.accounts = new Accounting(cfg);
    this.latency = new LatencyModel(cfg.fillModel);
  }

  // ---- the TradingCore steps -------------------------------------------------------------------

  // The per-event step, written out rather than through step(): no closure per market event.
  onMarket(event: MarketEvent, nowMs: number): PipelineEvent[] {
    this.beginStep(nowMs);
    if (event.kind === 'quote') this.handleQuote(event.quote, nowMs);
    else if (this.calendar.has(event.trade.contract)) this.handleVenue(this.venue.onTrade(event.trade), nowMs);
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
        this.emit('oms.error', nowMs, 'oms', {
          order_id: orderId,
          state: null,
          event: 'CANCEL_REQUEST',
          error: reason('UNKNOWN_ORDER', { order_id: orderId }),
          context: null,
        });
        return;
      }
      this.requestCancel(order, reason('CANCEL_REQUESTED', { by: requestedBy }), requestedBy, nowMs);
    });
  }

  halt(operator: string, why: string, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      this.emit('operator.halt', nowMs, `operator:${operator}`, { operator, reason: why });
      this.setState('HALTED', reason('KILL_SWITCH', { operator }), nowMs);
      this.cancelAll(reason('KILL_SWITCH_CANCEL', { trigger: 'operator', operator }), `operator:${operator}`, nowMs);
    });
  }

  resume(operator: string, why: string, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      this.emit('operator.resume', nowMs, `operator:${operator}`, { operator, reason: why });
      if (nowMs < this.risk.cooldownUntilMs) {
        this.emit('risk.resume_refused', nowMs, 'risk', {
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
        this.emit('broker.expire', nowMs, 'broker', { order_id: order.orderId, reason: why });
        this.oms.apply(order, 'EXPIRE', nowMs, why, this.out);
      }
      this.calendar.endAt(nowMs);
      this.emit('session.end', nowMs, SYSTEM, { session_id: this.cfg.sessionId });
    });
  }

  injectFill(fill: InjectedFill, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      if (this.accounts.seen(fill.fillId)) {
        this.emit('broker.fill_duplicate', nowMs, 'broker', {
          fill_id: fill.fillId,
          order_id: fill.orderId,
          reason: reason('DUPLICATE_FILL_ID', { fill_id: fill.fillId }),
        });
        return;
      }
      const order = this.oms.orders.get(fill.orderId);
      if (order === undefined) {
        this.emit('oms.error', nowMs, 'oms', {
          order_id: fill.orderId,
          state: null,
          event: 'FILL',
          error: reason('UNKNOWN_ORDER', { order_id: fill.orderId }),
          context: fill.fillId,
        });
        return;
      }
      if (
        this.recordFill(
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
    this.out = [];
    this.lastNowMs = nowMs;
    this.risk.touch(nowMs);
    this.drain(nowMs);
  }

  private endStep(nowMs: number): PipelineEvent[] {
    this.drain(nowMs);
    this.watchFeed(nowMs);
    // A feed-loss halt sends cancels; with zero latency they land in this same step.
    this.drain(nowMs);
    return this.out;
  }

  private emit<T extends PipelineEventType>(type: T, atMs: number, actor: string, payload: PipelinePayload<T>): void {
    this.out.push(pipelineEvent(type, isoMillis(atMs), actor, payload));
  }

  /** Run every latency-queued action that is due, in (due time, arrival order) order, stamped at its due time. */
  private drain(nowMs: number): void {
    for (let a = this.latency.takeDue(nowMs); a !== undefined; a = this.latency.takeDue(nowMs)) {
      const order = this.oms.orders.get(a.orderId);
      if (order === undefined) continue;
      if (a.kind === 'arrive') this.handleArrival(order, a.due);
      else if (a.kind === 'ack_timeout') this.handleAckTimeout(order, a.due);
      else this.handleCancelArrival(order, a.why, a.due);
    }
  }

  // ---- market data -------------------------------------------------------------------------------

  private handleQuote(q: Quote, nowMs: number): void {
    if (!this.calendar.has(q.contract)) return;
    this.quotes.set(q.contract, q);
    const trip = this.risk.observeQuote(q.contract, q.bid, q.ask, q.receiveTs);
    const p = this.accounts.mark(q.contract, q.bid, q.ask);
    this.handleVenue(this.venue.onQuote(q), nowMs);
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
    if (from !== null) this.emit('risk.state', nowMs, 'risk', { from, to, reason: why });
  }

  /** A breach or breaker latches the state; HALTED also cancels every working order. */
  private trip(check: CheckResult, code: string, nowMs: number, to: 'REDUCING' | 'HALTED'): void {
    if (this.risk.state === 'HALTED' || this.risk.state === to) return;
    const why = check.reason ?? code;
    const cooldownUntil = this.risk.latchBreach(why, nowMs);
    this.emit('risk.breach', nowMs, 'risk', {
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
        this.requestCancel(order, why, by, nowMs);
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
    this.emit(
      'risk.decision',
      nowMs,
      'risk',
      riskDecisionPayload({ orderId, intent, decision, tradingState: this.risk.state, quote, position: pos, nowMs }),
    );
    const order = this.oms.create(intent, root, decision.verdict === 'DENY' ? intent.quantity : decision.approved, nowMs, this.out);
    if (decision.verdict === 'DENY') {
      this.oms.apply(order, 'RISK_DENY', nowMs, decision.reason, this.out);
      return;
    }
    this.oms.apply(order, 'SUBMIT', nowMs, decision.reason, this.out);
    this.emit('broker.submit', nowMs, 'broker', this.latency.send(order.orderId, nowMs));
  }

  private handleArrival(order: OmsOrder, atMs: number): void {
    if (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL') return;
    this.latency.markArrived(order.orderId);
    const i = order.intent;
    const r = this.venue.arrive({
      orderId: order.orderId,
      contract: i.contract,
      side: i.side,
      remaining: order.quantity - order.filled,
      orderType: i.orderType,
      limitPrice: i.orderType === 'LIMIT' ? (i.limitPrice ?? null) : null,
      tif: i.timeInForce,
      arrivalMs: atMs,
    });
    if (!r.ok) {
      this.emit('broker.reject', atMs, 'broker', { order_id: order.orderId, reason: r.why });
      this.oms.apply(order, 'REJECT', atMs, r.why, this.out);
      return;
    }
    if (r.arrivalMid2 !== null) this.accounts.noteArrivalMid(order.orderId, r.arrivalMid2);
    this.emit('broker.ack', atMs, 'broker', {
      order_id: order.orderId,
      queue_ahead: order.intent.orderType === 'LIMIT' && order.intent.timeInForce === 'ROD' ? r.queueAhead : null,
      arrival_mid: r.arrivalMid2 !== null ? ratioToDecimal(r.arrivalMid2, 2) : null,
    });
    this.oms.apply(order, 'ACK', atMs, null, this.out);
    this.handleVenue(r.actions, atMs);
  }

  private handleAckTimeout(order: OmsOrder, atMs: number): void {
    if (this.latency.arrived(order.orderId) || (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL')) return;
    const why = reason('ACK_TIMEOUT', { timeout_ms: this.latency.ackTimeoutMs });
    this.venue.remove(order.orderId);
    this.emit('broker.reject', atMs, 'broker', { order_id: order.orderId, reason: why });
    this.oms.apply(order, 'ACK_TIMEOUT', atMs, why, this.out);
  }

  private requestCancel(order: OmsOrder, why: string, by: string, nowMs: number): void {
    if (!this.oms.apply(order, 'CANCEL_REQUEST', nowMs, why, this.out)) return;
    const wire = this.latency.sendCancel(order.orderId, why, nowMs);
    this.emit('broker.cancel_request', nowMs, by === 'risk' ? 'risk' : by.startsWith('operator:') ? by : `operator:${by}`, {
      order_id: order.orderId,
      reason: why,
      ...wire,
    });
  }

  private handleCancelArrival(order: OmsOrder, why: string, atMs: number): void {
    if (this.venue.find(order.orderId) !== undefined) {
      this.venue.remove(order.orderId);
      this.emit('broker.cancel', atMs, 'broker', { order_id: order.orderId, reason: why, filled: order.filled });
      this.oms.apply(order, 'CANCEL_ACK', atMs, why, this.out);
      return;
    }
    if (order.state === 'PENDING_CANCEL' && !this.latency.arrived(order.orderId)) {
      // The venue never saw the order (lost submit): it cannot answer; the ack timeout will end the order.
      this.emit('broker.cancel_reject', atMs, 'broker', {
        order_id: order.orderId,
        reason: reason('UNKNOWN_ORDER', { order_id: order.orderId }),
      });
      return;
    }
    const late = reason('CANCEL_TOO_LATE', { state: order.state, filled: order.filled });
    this.emit('broker.cancel_reject', atMs, 'broker', { order_id: order.orderId, reason: late });
    this.oms.apply(order, 'CANCEL_REJECT', atMs, late, this.out);
  }

  private handleVenue(actions: readonly VenueAction[], atMs: number): void {
    for (const a of actions) {
      const order = this.oms.orders.get(a.orderId);
      if (order === undefined) continue;
      if (a.kind === 'cancel') {
        this.emit('broker.cancel', atMs, 'broker', { order_id: order.orderId, reason: a.why, filled: order.filled });
        this.oms.apply(order, 'VENUE_CANCEL', atMs, a.why, this.out);
      } else {
        this.fillSeq += 1;
        const fillId = `F-${String(this.fillSeq).padStart(6, '0')}`;
        this.recordFill(order, fillId, a.price, a.quantity, a.liquidity, a.why, atMs, a.bookTs);
      }
    }
  }

  /** One fill: OMS first (a fill the table refuses never reaches the portfolio), then fees, portfolio, breach watch. */
  private recordFill(
    order: OmsOrder,
    fillId: string,
    price: number,
    quantity: number,
    liquidity: 'maker' | 'taker',
    why: string,
    atMs: number,
    bookTs: number,
  ): boolean {
    const event: OrderEvent = order.filled + quantity >= order.quantity ? 'FILL_FULL' : 'FILL_PARTIAL';
    const overfill = order.filled + quantity > order.quantity;
    const check = transition(order.state, event);
    if (overfill || !check.ok || quantity <= 0) {
      const error = overfill
        ? reason('OVERFILL', { filled: order.filled, qty: quantity, quantity: order.quantity })
        : check.ok
          ? 'EMPTY_FILL'
          : check.error;
      this.emit('oms.error', atMs, 'oms', { order_id: order.orderId, state: order.state, event, error, context: fillId });
      return false;
    }
    const day = this.calendar.tradingDay(atMs);
    const facts: FillFacts = { fillId, price, quantity, liquidity, why, bookTs };
    const { payload, charges } = this.accounts.fill(order, facts, day);
    this.emit(BROKER_FILL, atMs, 'broker', payload);
    this.oms.fill(order, quantity, event, atMs, why, this.out);
    this.emit(PORTFOLIO_UPDATE, atMs, 'portfolio', this.accounts.post(order, facts, charges, this.quotes.get(order.intent.contract), day));
    this.watchEquity(atMs);
    return true;
  }
}
