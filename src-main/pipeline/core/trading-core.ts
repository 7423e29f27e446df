import { isoMillis, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { BROKER_FILL, brokerFill } from '../../../src-shared/events/broker-fill';
import { PORTFOLIO_UPDATE, portfolioUpdate } from '../../../src-shared/events/portfolio-update';
import { chargesOn, fillCharges } from '../../../src-shared/fees/fees';
import { dailyPriceLimits, exchangeDateTime, sessionAt, type SessionWindow } from '../../../src-shared/instruments/calendar';
import { parseContractRef } from '../../../src-shared/instruments/contract-codes';
import { INSTRUMENTS, type Root } from '../../../src-shared/instruments/instruments';
import type { JsonObject } from '../../../src-shared/json';
import type { MarketEvent, Quote } from '../../../src-shared/market/quote';
import { centsToDecimal } from '../../../src-shared/money';
import { isWorking, transition, type OrderEvent } from '../../../src-shared/oms/order-state-machine';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import { bpsDecimal, ratioToDecimal } from '../../../src-shared/portfolio/decimal';
import {
  applyFill,
  applyMark,
  avgPriceDecimal,
  emptyPortfolio,
  equityCents,
  midDecimal,
  positionOf,
  totals,
  unrealizedCents,
  type PortfolioState,
} from '../../../src-shared/portfolio/portfolio';
import type { CheckResult } from '../../../src-shared/risk/check-result';
import { reason } from '../../../src-shared/risk/check-result';
import type { TradingState } from '../../../src-shared/risk/flow-checks';
import type { PositionView, TradingCore, TradingSnapshot } from '../trading-core';
import { chargesFor, TradingCoreConfigSchema, type TradingCoreConfig, type TradingCoreConfigInput } from './config';
import { Oms, type OmsOrder } from './oms';
import { PaperVenue, type VenueAction } from './paper-venue';
import { RiskEngine } from './risk-engine';

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

type Action =
  | { kind: 'arrive'; due: number; seq: number; orderId: string }
  | { kind: 'ack_timeout'; due: number; seq: number; orderId: string }
  | { kind: 'cancel'; due: number; seq: number; orderId: string; why: string };

interface ContractInfo {
  contract: string;
  root: Root;
  band: { lower: number; upper: number };
  /** The calendar's answer for this contract and how long it holds (see calendarSession). */
  session: SessionWindow | null;
  sessionFrom: number;
  sessionUntil: number;
}

const SYSTEM = 'system';

export function createTradingCore(config: TradingCoreConfig | TradingCoreConfigInput): PaperTradingCore {
  return new Core(TradingCoreConfigSchema.parse(config));
}

class Core implements PaperTradingCore {
  private out: PipelineEvent[] = [];
  private readonly contracts = new Map<string, ContractInfo>();
  /** The same entries in configuration order, for per-step loops that should not build an iterator. */
  private readonly contractList: ContractInfo[] = [];
  private readonly quotes = new Map<string, Quote>();
  private readonly oms = new Oms();
  private readonly venue: PaperVenue;
  private readonly risk: RiskEngine;
  private readonly book: PortfolioState;
  private readonly queue: Action[] = [];
  private actionSeq = 0;
  private fillSeq = 0;
  private readonly arrivalDue = new Map<string, number>();
  private readonly arrived = new Set<string>();
  private readonly fillIds = new Set<string>();
  private fills = 0;
  private maxDrawdownCents = 0;
  private sessionEndedMs: number | null = null;

  constructor(private readonly cfg: TradingCoreConfig) {
    for (const c of cfg.contracts) {
      const info: ContractInfo = {
        contract: c.contract,
        root: parseContractRef(c.contract).root,
        band: dailyPriceLimits(c.prevSettlement),
        session: null,
        sessionFrom: 0,
        sessionUntil: 0,
      };
      // A repeated contract keeps its first position and its last settings, as the Map does.
      const at = this.contractList.findIndex((x) => x.contract === c.contract);
      if (at < 0) this.contractList.push(info);
      else this.contractList[at] = info;
      this.contracts.set(c.contract, info);
    }
    this.venue = new PaperVenue(cfg.fillModel.marketProtectionPoints);
    this.risk = new RiskEngine(cfg.risk, cfg.startEquityCents);
    this.book = emptyPortfolio(cfg.startEquityCents);
  }

  // ---- the TradingCore steps -------------------------------------------------------------------

  // The per-event step, written out rather than through step(): no closure per market event.
  onMarket(event: MarketEvent, nowMs: number): PipelineEvent[] {
    this.beginStep(nowMs);
    if (event.kind === 'quote') this.handleQuote(event.quote, nowMs);
    else if (this.contracts.has(event.trade.contract)) this.handleVenue(this.venue.onTrade(event.trade), nowMs);
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
      this.sessionEndedMs = nowMs;
      this.emit('session.end', nowMs, SYSTEM, { session_id: this.cfg.sessionId });
    });
  }

  injectFill(fill: InjectedFill, nowMs: number): PipelineEvent[] {
    return this.step(nowMs, () => {
      if (this.fillIds.has(fill.fillId)) {
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
    const t = totals(this.book);
    const positions: PositionView[] = [...this.book.positions.values()]
      .sort((a, b) => (a.contract < b.contract ? -1 : a.contract > b.contract ? 1 : 0))
      .map((p) => ({
        contract: p.contract,
        quantity: p.quantity,
        avgPrice: avgPriceDecimal(p),
        realizedCents: p.realizedCents,
        unrealizedCents: unrealizedCents(p),
        feesCents: p.feesCents,
        taxCents: p.taxCents,
      }));
    const counts = { orders: 0, fills: this.fills, denied: 0, rejected: 0, canceled: 0, expired: 0, filled: 0, partiallyFilled: 0 };
    let open = 0;
    for (const o of this.oms.orders.values()) {
      counts.orders++;
      if (isWorking(o.state)) open++;
      if (o.state === 'DENIED') counts.denied++;
      else if (o.state === 'REJECTED') counts.rejected++;
      else if (o.state === 'CANCELED') counts.canceled++;
      else if (o.state === 'EXPIRED') counts.expired++;
      else if (o.state === 'FILLED') counts.filled++;
      if (o.filled > 0 && o.filled < o.quantity) counts.partiallyFilled++;
    }
    return {
      tradingState: this.risk.state,
      positions,
      openOrders: open,
      equityCents: t.equityCents,
      startEquityCents: this.cfg.startEquityCents,
      marginInUseCents: this.marginInUse(this.tradingDay(this.lastNowMs)),
      txEquivTwentieths: t.txEquivTwentieths,
      counts,
      maxDrawdownCents: this.maxDrawdownCents,
      breaches: [...this.risk.breaches],
    };
  }

  portfolio(): PortfolioState {
    return this.book;
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

  private emit(type: string, atMs: number, actor: string, payload: JsonObject): void {
    this.out.push({ type, ts: isoMillis(atMs), actor, payload });
  }

  private schedule(
    a: { kind: 'arrive' | 'ack_timeout'; due: number; orderId: string } | { kind: 'cancel'; due: number; orderId: string; why: string },
  ): void {
    const action: Action = { ...a, seq: ++this.actionSeq };
    let i = this.queue.length;
    while (i > 0) {
      const prev = this.queue[i - 1];
      if (prev === undefined || prev.due <= action.due) break;
      i--;
    }
    this.queue.splice(i, 0, action);
  }

  /** Run every latency-queued action that is due, in (due time, arrival order) order, stamped at its due time. */
  private drain(nowMs: number): void {
    if (this.queue.length === 0) return;
    while (this.queue.length > 0 && (this.queue[0]?.due ?? Infinity) <= nowMs) {
      const a = this.queue.shift();
      if (a === undefined) break;
      const order = this.oms.orders.get(a.orderId);
      if (order === undefined) continue;
      if (a.kind === 'arrive') this.handleArrival(order, a.due);
      else if (a.kind === 'ack_timeout') this.handleAckTimeout(order, a.due);
      else this.handleCancelArrival(order, a.why, a.due);
    }
  }

  private session(contract: string, nowMs: number): SessionWindow | null {
    const info = this.contracts.get(contract);
    return info === undefined ? null : this.sessionOf(info, nowMs);
  }

  private sessionOf(info: ContractInfo, nowMs: number): SessionWindow | null {
    const w = this.calendarSession(info, nowMs);
    if (w === null) return null;
    if (this.sessionEndedMs !== null && w.opensAt <= this.sessionEndedMs) return null;
    return w;
  }

  /**
   * The calendar is pure but not cheap; sessions open and close on whole minutes, so an answer holds
   * for the rest of its window (open) or of its minute (closed).
   */
  private calendarSession(info: ContractInfo, nowMs: number): SessionWindow | null {
    if (nowMs >= info.sessionFrom && nowMs < info.sessionUntil) return info.session;
    const window = sessionAt(nowMs, info.contract, this.cfg.holidays);
    const minuteStart = nowMs - (((nowMs % 60_000) + 60_000) % 60_000);
    info.session = window;
    info.sessionFrom = window === null ? minuteStart : window.opensAt;
    info.sessionUntil = window === null ? minuteStart + 60_000 : window.closesAt;
    return window;
  }

  private tradingDay(atMs: number): string {
    for (const c of this.contractList) {
      const w = this.calendarSession(c, atMs);
      if (w !== null) return w.tradingDay;
    }
    return exchangeDateTime(atMs).date;
  }

  // ---- market data -------------------------------------------------------------------------------

  private handleQuote(q: Quote, nowMs: number): void {
    if (this.contracts.get(q.contract) === undefined) return;
    this.quotes.set(q.contract, q);
    const trip = this.risk.observeQuote(q.contract, q.bid, q.ask, q.receiveTs);
    const p = this.book.positions.get(q.contract);
    if (p !== undefined) applyMark(p, q.bid, q.ask);
    this.handleVenue(this.venue.onQuote(q), nowMs);
    if (trip !== null) this.trip(trip, 'VOLATILITY_BREAKER', nowMs, 'HALTED');
    if (p !== undefined && p.quantity !== 0) this.watchEquity(nowMs);
  }

  private watchEquity(nowMs: number): void {
    const equity = equityCents(this.book);
    const breach = this.risk.observeEquity(equity);
    const dd = this.risk.peakEquityCents - equity;
    if (dd > this.maxDrawdownCents) this.maxDrawdownCents = dd;
    if (breach !== null) this.trip(breach, breach.check === 'daily_loss' ? 'MAX_DAILY_LOSS' : 'MAX_DRAWDOWN', nowMs, 'HALTED');
  }

  private watchFeed(nowMs: number): void {
    if (this.risk.state !== 'ACTIVE' || this.cfg.risk.feedLossMs === 0 || this.risk.feedSurelyFresh(nowMs)) return;
    // RiskEngine.observeFeed over the open contracts, one contract at a time so no list is built.
    for (const c of this.contractList) {
      const w = this.sessionOf(c, nowMs);
      if (w === null) continue;
      const lost = this.risk.feedLost(c.contract, w.opensAt, nowMs);
      if (lost === null) continue;
      this.trip(lost, 'DATA_FEED_LOSS', nowMs, this.cfg.risk.feedLossAction);
      return;
    }
    this.risk.noteFeedChecked(this.contractList);
  }

  // ---- risk state ------------------------------------------------------------------------------

  private setState(to: TradingState, why: string, nowMs: number): void {
    const from = this.risk.state;
    if (from === to) return;
    this.risk.state = to;
    this.emit('risk.state', nowMs, 'risk', { from, to, reason: why });
  }

  /** A breach or breaker latches the state; HALTED also cancels every working order. */
  private trip(check: CheckResult, code: string, nowMs: number, to: 'REDUCING' | 'HALTED'): void {
    if (this.risk.state === 'HALTED' || this.risk.state === to) return;
    const why = check.reason ?? code;
    this.risk.breaches.push(why);
    this.risk.cooldownUntilMs = nowMs + this.cfg.risk.breakerCooldownMs;
    this.emit('risk.breach', nowMs, 'risk', {
      code,
      reason: why,
      check: check.check,
      inputs: check.inputs,
      action: to,
      cooldown_until: isoMillis(this.risk.cooldownUntilMs),
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
    const info = this.contracts.get(intent.contract);
    let root: Root = info?.root ?? 'TX';
    if (info === undefined) {
      try {
        root = parseContractRef(intent.contract).root;
      } catch {
        // Unknown contract text: the tradable check denies it; the root only labels the record.
      }
    }
    const spec = INSTRUMENTS[root];
    const pos = this.book.positions.get(intent.contract)?.quantity ?? 0;
    let workingSameSide = 0;
    let open = 0;
    const day = this.tradingDay(nowMs);
    let committed = this.marginInUse(day);
    for (const o of this.oms.orders.values()) {
      if (!isWorking(o.state)) continue;
      open++;
      const rest = o.quantity - o.filled;
      committed += rest * chargesOn(chargesFor(this.cfg, o.root), day).initialMargin;
      if (o.intent.contract === intent.contract && o.intent.side === intent.side) workingSameSide += rest;
    }
    const t = totals(this.book);
    const margin = chargesOn(chargesFor(this.cfg, root), day).initialMargin;
    const projected = (qty: number) => (intent.side === 'BUY' ? pos + workingSameSide + qty : pos - workingSameSide - qty);
    const session = info === undefined ? null : this.session(intent.contract, nowMs);
    const decision = this.risk.evaluate(
      intent,
      {
        mode: this.cfg.mode,
        known: info !== undefined,
        sessionKind: session?.kind ?? null,
        tick: spec.tick,
        multiplier: spec.multiplier,
        band: info?.band ?? null,
        quote: this.quotes.get(intent.contract),
        position: pos,
        openOrders: open,
        equityCents: t.equityCents,
        committedMarginCents: committed,
        currentTwentieths: t.txEquivTwentieths,
        projectedPosition: projected,
        projectedTwentieths: (qty) =>
          t.txEquivTwentieths - Math.abs(pos) * spec.txEquivTwentieths + Math.abs(projected(qty)) * spec.txEquivTwentieths,
        orderMarginCents: (qty) => Math.max(0, Math.abs(projected(qty)) - Math.abs(projected(0))) * margin,
      },
      nowMs,
    );
    const quote = this.quotes.get(intent.contract);
    const orderId = this.oms.peekId();
    this.emit('risk.decision', nowMs, 'risk', {
      order_id: orderId,
      intent_id: intent.intentId,
      idempotency_key: intent.idempotencyKey,
      verdict: decision.verdict,
      requested: decision.requested,
      approved: decision.approved,
      reason: decision.reason,
      trading_state: this.risk.state,
      quote:
        quote === undefined
          ? null
          : {
              bid: quote.bid,
              ask: quote.ask,
              bid_size: quote.bidSize,
              ask_size: quote.askSize,
              receive_ts: isoMillis(quote.receiveTs),
              age_ms: nowMs - quote.receiveTs,
            },
      position: pos,
      checks: decision.checks.map((c) => ({
        check: c.check,
        verdict: c.verdict,
        quantity: c.quantity,
        reason: c.reason,
        inputs: c.inputs,
      })),
    });
    const order = this.oms.create(intent, root, decision.verdict === 'DENY' ? intent.quantity : decision.approved, nowMs, this.out);
    if (decision.verdict === 'DENY') {
      this.oms.apply(order, 'RISK_DENY', nowMs, decision.reason, this.out);
      return;
    }
    this.oms.apply(order, 'SUBMIT', nowMs, decision.reason, this.out);
    const fm = this.cfg.fillModel;
    const dropped = fm.dropAckOrderIds.includes(order.orderId);
    const arrives = nowMs + fm.submitLatencyMs;
    this.emit('broker.submit', nowMs, 'broker', {
      order_id: order.orderId,
      latency_ms: fm.submitLatencyMs,
      arrives_at: dropped ? null : isoMillis(arrives),
      fault: dropped ? 'DROP_ACK' : null,
    });
    if (!dropped) {
      this.arrivalDue.set(order.orderId, arrives);
      this.schedule({ kind: 'arrive', due: arrives, orderId: order.orderId });
    }
    if (fm.ackTimeoutMs > 0 && (dropped || fm.submitLatencyMs > fm.ackTimeoutMs)) {
      this.schedule({ kind: 'ack_timeout', due: nowMs + fm.ackTimeoutMs, orderId: order.orderId });
    }
  }

  private handleArrival(order: OmsOrder, atMs: number): void {
    if (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL') return;
    this.arrived.add(order.orderId);
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
    if (r.arrivalMid2 !== null) this.arrivalMids.set(order.orderId, r.arrivalMid2);
    this.emit('broker.ack', atMs, 'broker', {
      order_id: order.orderId,
      queue_ahead: order.intent.orderType === 'LIMIT' && order.intent.timeInForce === 'ROD' ? r.queueAhead : null,
      arrival_mid: r.arrivalMid2 !== null ? ratioToDecimal(r.arrivalMid2, 2) : null,
    });
    this.oms.apply(order, 'ACK', atMs, null, this.out);
    this.handleVenue(r.actions, atMs);
  }

  private handleAckTimeout(order: OmsOrder, atMs: number): void {
    if (this.arrived.has(order.orderId) || (order.state !== 'SUBMITTED' && order.state !== 'PENDING_CANCEL')) return;
    const why = reason('ACK_TIMEOUT', { timeout_ms: this.cfg.fillModel.ackTimeoutMs });
    this.venue.remove(order.orderId);
    this.emit('broker.reject', atMs, 'broker', { order_id: order.orderId, reason: why });
    this.oms.apply(order, 'ACK_TIMEOUT', atMs, why, this.out);
  }

  private requestCancel(order: OmsOrder, why: string, by: string, nowMs: number): void {
    if (!this.oms.apply(order, 'CANCEL_REQUEST', nowMs, why, this.out)) return;
    const due = Math.max(nowMs + this.cfg.fillModel.cancelLatencyMs, this.arrivalDue.get(order.orderId) ?? 0);
    this.emit('broker.cancel_request', nowMs, by === 'risk' ? 'risk' : by.startsWith('operator:') ? by : `operator:${by}`, {
      order_id: order.orderId,
      reason: why,
      latency_ms: this.cfg.fillModel.cancelLatencyMs,
      arrives_at: isoMillis(due),
    });
    this.schedule({ kind: 'cancel', due, orderId: order.orderId, why });
  }

  private handleCancelArrival(order: OmsOrder, why: string, atMs: number): void {
    if (this.venue.find(order.orderId) !== undefined) {
      this.venue.remove(order.orderId);
      this.emit('broker.cancel', atMs, 'broker', { order_id: order.orderId, reason: why, filled: order.filled });
      this.oms.apply(order, 'CANCEL_ACK', atMs, why, this.out);
      return;
    }
    if (order.state === 'PENDING_CANCEL' && !this.arrived.has(order.orderId)) {
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
    this.fillIds.add(fillId);
    const day = this.tradingDay(atMs);
    const i = order.intent;
    const ch = fillCharges(order.root, price, quantity, chargesFor(this.cfg, order.root), day, this.cfg.taxRounding);
    const mid2 = this.arrivalMids.get(order.orderId) ?? null;
    const signedNum = mid2 === null ? null : i.side === 'BUY' ? 2 * price - mid2 : mid2 - 2 * price;
    this.fills += 1;
    this.emit(
      BROKER_FILL,
      atMs,
      'broker',
      brokerFill({
        fill_id: fillId,
        order_id: order.orderId,
        contract: i.contract,
        side: i.side,
        price,
        quantity,
        liquidity,
        arrival_mid: mid2 === null ? null : ratioToDecimal(mid2, 2),
        slippage_points: signedNum === null ? null : ratioToDecimal(signedNum, 2),
        slippage_bps: signedNum === null || mid2 === null ? null : bpsDecimal(signedNum, mid2),
        exchange_fee_ntd: centsToDecimal(ch.exchangeFeeCents),
        clearing_fee_ntd: centsToDecimal(ch.clearingFeeCents),
        commission_ntd: centsToDecimal(ch.commissionCents),
        fees_ntd: centsToDecimal(ch.feesCents),
        tax_ntd: centsToDecimal(ch.taxCents),
        tax_rounding: ch.taxRounding,
        charges_effective: ch.chargesEffective,
        trading_day: day,
        book_ts: isoMillis(bookTs),
        reason: why,
        explanation: `${liquidity === 'taker' ? 'took' : 'filled resting'} ${quantity} at ${price} (${i.side} ${i.contract}); ${why}`,
      }),
    );
    order.filled += quantity;
    this.oms.apply(order, event, atMs, why, this.out);
    const realized = applyFill(this.book, {
      contract: i.contract,
      root: order.root,
      side: i.side,
      price,
      quantity,
      feesCents: ch.feesCents,
      taxCents: ch.taxCents,
    });
    const p = positionOf(this.book, i.contract, order.root);
    const q = this.quotes.get(i.contract);
    if (q !== undefined) applyMark(p, q.bid, q.ask);
    const t = totals(this.book);
    this.emit(
      PORTFOLIO_UPDATE,
      atMs,
      'portfolio',
      portfolioUpdate({
        contract: i.contract,
        fill_id: fillId,
        position: p.quantity,
        avg_price: avgPriceDecimal(p),
        realized_delta_ntd: centsToDecimal(realized),
        realized_ntd: centsToDecimal(p.realizedCents),
        unrealized_ntd: centsToDecimal(unrealizedCents(p)),
        mark_bid: p.markBid,
        mark_ask: p.markAsk,
        mark_mid: midDecimal(p),
        fees_ntd: centsToDecimal(p.feesCents),
        tax_ntd: centsToDecimal(p.taxCents),
        equity_ntd: centsToDecimal(t.equityCents),
        margin_in_use_ntd: centsToDecimal(this.marginInUse(day)),
        tx_equiv_twentieths: t.txEquivTwentieths,
      }),
    );
    this.watchEquity(atMs);
    return true;
  }

  private readonly arrivalMids = new Map<string, number>();

  private marginInUse(day: string): number {
    let m = 0;
    for (const p of this.book.positions.values()) {
      if (p.quantity !== 0) m += Math.abs(p.quantity) * chargesOn(chargesFor(this.cfg, p.root), day).initialMargin;
    }
    return m;
  }
}
