import { isoMillis, type EventSink, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import { pipelineEvent, type PipelinePayload } from '../../../src-shared/events/catalog';
import { bookModelRecord, syntheticBookFor, type BookModelRecord } from '../../../src-shared/market/book-model';
import type { ContractRef, MarketEvent } from '../../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import type { Clock } from '../clock/clock';
import { buildOperatorIntent, buildStrategyIntent, type IntentDefaults, type IntentResult } from '../intents/intent-builder';
import type { MarketDataSet } from '../market-data/market-source';
import type { OperatorAction, OperatorInbox } from '../operator/operator-action';
import type { Strategy } from '../strategies/strategy';
import type { TradingCore } from '../trading-core';
import { OwnPositionsView } from './own-positions-view';
import { summarize, type RunCounters } from './session-summary';
import { SessionStatisticsFold } from './session-statistics';

/** `book_model` in session.started, present only when the session fills against a synthesized book. */
function bookModelField(spec: RunnerSpec): { book_model?: BookModelRecord } {
  const model = spec.data === undefined ? null : syntheticBookFor(spec.data.kind, spec.fill_model);
  return model === null ? {} : { book_model: bookModelRecord(model) };
}

/** The parts of a run spec the runner reads (a validated RunSpec has all of them). */
export interface RunnerSpec {
  name: string;
  lane: string;
  owner: string;
  run_mode: 'backtest' | 'paper';
  speed: number;
  seed: number;
  contracts: readonly { contract: ContractRef }[];
  approvals_required: boolean;
  window: { start?: string | undefined; end?: string | undefined };
  timer_ms: number;
  strategy: { kind: string; id: string };
  order_defaults: { order_type: 'MARKET' | 'LIMIT'; time_in_force: 'ROD' | 'IOC' | 'FOK'; reduce_only: boolean };
  /** The risk envelope as the spec states it; the summary's statistics report its usage. */
  risk?: unknown;
  /** The data source's kind and the fill model as written: a trade-only source records its stated book model. */
  data?: { kind: string };
  fill_model?: unknown;
}

export interface RunProgress {
  marketEvents: number;
  dataTs: number;
  /** 0..1 when the total is known (expectedEvents given), else null. */
  fraction: number | null;
}

export interface RunSessionOptions {
  sessionId: string;
  spec: RunnerSpec;
  specHash: string;
  data: MarketDataSet;
  core: TradingCore;
  strategy: Strategy;
  sink: EventSink;
  clock: Clock;
  onProgress?: (p: RunProgress) => void;
  /** Market events between progress reports. */
  progressEvery?: number;
  expectedEvents?: number;
  operatorInbox?: OperatorInbox;
  codeVersion?: string;
}

export interface RunResult {
  sessionId: string;
  summary: JsonObject;
  counters: RunCounters;
}

/** In a long idle gap (overnight, a halted feed) at most this many timer steps fire; then time jumps. */
export const MAX_IDLE_TICKS = 600;

function eventTime(e: MarketEvent): number {
  return e.kind === 'quote' ? e.quote.receiveTs : e.trade.receiveTs;
}

function signalPayload(s: StrategySignal): PipelinePayload<'strategy.signal'> {
  const p: PipelinePayload<'strategy.signal'> = {
    signal_id: s.signalId,
    strategy_id: s.strategyId,
    contract: s.contract,
    direction: s.direction,
    quantity: s.quantity,
    strength: s.strength,
    reason: s.reason,
    seen_quote_ts: isoMillis(s.seenQuoteTs),
  };
  if (s.orderType !== undefined) p.order_type = s.orderType;
  if (s.limitPrice !== undefined) p.limit_price = s.limitPrice;
  if (s.timeInForce !== undefined) p.time_in_force = s.timeInForce;
  if (s.reduceOnly !== undefined) p.reduce_only = s.reduceOnly;
  return p;
}

export function intentPayload(i: PaperOrderIntent): PipelinePayload<'intent.created'> {
  const source: PipelinePayload<'intent.created'>['source'] =
    i.source.kind === 'strategy'
      ? { kind: 'strategy', strategy_id: i.source.strategyId, signal_id: i.source.signalId }
      : { kind: 'operator', operator: i.source.operator, action_id: i.source.actionId };
  const p: PipelinePayload<'intent.created'> = {
    intent_id: i.intentId,
    idempotency_key: i.idempotencyKey,
    source,
    contract: i.contract,
    side: i.side,
    quantity: i.quantity,
    order_type: i.orderType,
    time_in_force: i.timeInForce,
    reduce_only: i.reduceOnly,
  };
  if (i.limitPrice !== undefined) p.limit_price = i.limitPrice;
  return p;
}

/**
 * Runs one session: for each market event, core.onMarket -> strategy -> intents -> core.submit, with
 * timers (core.onTime) in quiet gaps, operator actions between steps, and core.endSession at the end.
 * Backtest and paper take this same path; only the clock differs. Each step's events reach the sink in
 * one appendStep call. Nothing is accumulated here beyond counters, so memory is flat in session length.
 */
export async function runSession(opts: RunSessionOptions): Promise<RunResult> {
  const { sessionId, spec, core, strategy, sink, clock, data } = opts;
  const defaults: IntentDefaults = {
    orderType: spec.order_defaults.order_type,
    timeInForce: spec.order_defaults.time_in_force,
    reduceOnly: spec.order_defaults.reduce_only,
  };
  const own = new OwnPositionsView(core);
  const counters: RunCounters = {
    marketEvents: 0,
    signals: 0,
    intents: 0,
    intentsSkipped: 0,
    operatorActions: 0,
    steps: 0,
    events: 0,
    stoppedEarly: false,
  };
  const startLimit = spec.window.start !== undefined ? Date.parse(spec.window.start) : -Infinity;
  const endLimit = spec.window.end !== undefined ? Date.parse(spec.window.end) : Infinity;
  const progressEvery = opts.progressEvery ?? 4096;

  const statistics = new SessionStatisticsFold(core.snapshot().startEquityCents, spec.risk);
  const emit = (events: PipelineEvent[]): void => {
    if (events.length === 0) return;
    for (const e of events) statistics.observe(e.type, e.payload);
    sink.appendStep(sessionId, events);
    counters.steps++;
    counters.events += events.length;
  };

  const submitIntent = (built: IntentResult, actor: string, now: number, out: PipelineEvent[]): void => {
    const ts = isoMillis(now);
    if (!built.ok) {
      counters.intentsSkipped++;
      out.push(pipelineEvent('intent.skipped', ts, 'system', { reason: built.reason, requested_by: actor }));
      return;
    }
    counters.intents++;
    out.push(pipelineEvent('intent.created', ts, 'system', intentPayload(built.intent)));
    if (spec.approvals_required) {
      // The approval queue (reviewers, order of reviews) holds it; nothing is submitted unapproved.
      out.push(pipelineEvent('approval.requested', ts, 'system', { intent_id: built.intent.intentId, reviews: ['research', 'risk'] }));
      return;
    }
    for (const e of core.submit(built.intent, now)) out.push(e);
    own.invalidate();
  };

  const applyOperator = (action: OperatorAction, now: number): PipelineEvent[] => {
    const actor = `operator:${action.operator}`;
    const out: PipelineEvent[] = [
      pipelineEvent('operator.action', isoMillis(now), actor, {
        action_id: action.action_id,
        kind: action.kind,
        reason: action.reason,
        requested_at: action.requested_at,
      }),
    ];
    if (action.kind === 'halt') out.push(...core.halt(action.operator, action.reason, now));
    else if (action.kind === 'resume') out.push(...core.resume(action.operator, action.reason, now));
    else {
      const o = action.order;
      const built = buildOperatorIntent(
        {
          actionId: action.action_id,
          operator: action.operator,
          contract: o.contract,
          side: o.side,
          quantity: o.quantity,
          ...(o.order_type !== undefined ? { orderType: o.order_type } : {}),
          ...(o.limit_price !== undefined ? { limitPrice: o.limit_price } : {}),
          ...(o.time_in_force !== undefined ? { timeInForce: o.time_in_force } : {}),
          ...(o.reduce_only !== undefined ? { reduceOnly: o.reduce_only } : {}),
        },
        { sessionId, defaults, nowMs: now },
      );
      submitIntent(built, actor, now, out);
    }
    own.invalidate();
    return out;
  };

  const pollOperator = (): void => {
    if (!opts.operatorInbox) return;
    const { actions, rejected } = opts.operatorInbox.poll();
    const now = clock.now();
    for (const r of rejected) {
      emit([pipelineEvent('operator.action_refused', isoMillis(now), 'system', { file: r.file, reason: r.reason })]);
    }
    for (const action of actions) {
      counters.operatorActions++;
      emit(applyOperator(action, now));
      opts.operatorInbox.done(action);
    }
  };

  let started = false;
  let nextTimer = 0;
  let lastT = Number.NaN;

  const start = async (t: number): Promise<void> => {
    const startT = Number.isFinite(startLimit) ? Math.min(startLimit, t) : t;
    const r = clock.advanceTo(startT);
    if (r) await r;
    started = true;
    nextTimer = startT + spec.timer_ms;
    emit([
      pipelineEvent('session.started', isoMillis(clock.now()), 'system', {
        session_id: sessionId,
        name: spec.name,
        lane: spec.lane,
        owner: spec.owner,
        mode: 'paper',
        run_mode: spec.run_mode,
        speed: spec.speed,
        seed: spec.seed,
        spec_hash: opts.specHash,
        data_id: data.id,
        data_fingerprint: data.fingerprint,
        contracts: spec.contracts.map((c) => c.contract),
        strategy: { kind: spec.strategy.kind, id: spec.strategy.id },
        approvals_required: spec.approvals_required,
        code_version: opts.codeVersion ?? 'dev',
        ...bookModelField(spec),
      }),
    ]);
    pollOperator();
  };

  const tick = (): void => {
    emit(core.onTime(clock.now()));
    pollOperator();
    nextTimer += spec.timer_ms;
  };

  /**
   * Timer steps for the quiet time before `t`, so acks, expiries and feed-loss checks happen in gaps.
   * Synchronous unless the clock has to wait: a backtest pays no promise per event.
   */
  const runTimers = (t: number): Promise<void> | undefined => {
    if (nextTimer >= t) return undefined;
    const due = Math.ceil((t - nextTimer) / spec.timer_ms);
    if (due > MAX_IDLE_TICKS) nextTimer += (due - MAX_IDLE_TICKS) * spec.timer_ms;
    while (nextTimer < t && !clock.stopped) {
      const wait = clock.advanceTo(nextTimer);
      if (wait) {
        return wait.then(() => {
          if (clock.stopped) return undefined;
          tick();
          return runTimers(t);
        });
      }
      if (clock.stopped) return undefined;
      tick();
    }
    return undefined;
  };

  for (const event of data.events()) {
    const t = eventTime(event);
    if (t < startLimit) continue;
    if (t > endLimit) break;
    if (!started) await start(t);
    const timers = runTimers(t);
    if (timers) await timers;
    if (clock.stopped) break;
    const r = clock.advanceTo(t);
    if (r) await r;
    if (clock.stopped) break;
    const now = clock.now();
    lastT = now;
    if (nextTimer <= now) nextTimer = now + spec.timer_ms;
    pollOperator();

    counters.marketEvents++;
    const out = core.onMarket(event, now);
    const signals = strategy.onMarket(event, now, own);
    if (out.length > 0) own.invalidate();
    for (const signal of signals) {
      counters.signals++;
      out.push(pipelineEvent('strategy.signal', isoMillis(now), `strategy:${signal.strategyId}`, signalPayload(signal)));
      const built = buildStrategyIntent(signal, {
        sessionId,
        position: signal.direction === 'target' ? own.net(signal.contract) : 0,
        defaults,
        nowMs: now,
      });
      submitIntent(built, `strategy:${signal.strategyId}`, now, out);
    }
    emit(out);
    if (opts.onProgress && counters.marketEvents % progressEvery === 0) {
      opts.onProgress({
        marketEvents: counters.marketEvents,
        dataTs: now,
        fraction: opts.expectedEvents ? Math.min(1, counters.marketEvents / opts.expectedEvents) : null,
      });
    }
  }

  if (!started) await start(Number.isFinite(startLimit) ? startLimit : 0);
  counters.stoppedEarly = clock.stopped;
  const endT = Number.isNaN(lastT) ? clock.now() : lastT;
  const endEvents = core.endSession(endT);
  const snapshot = core.snapshot();
  const summary = { ...summarize(snapshot, counters), statistics: statistics.result(snapshot) };
  endEvents.push(pipelineEvent('session.completed', isoMillis(endT), 'system', { session_id: sessionId, summary }));
  emit(endEvents);
  opts.onProgress?.({ marketEvents: counters.marketEvents, dataTs: endT, fraction: 1 });
  return { sessionId, summary, counters };
}
