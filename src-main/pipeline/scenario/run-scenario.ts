import canonicalize from 'canonicalize';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { DepthLevel, Quote } from '../../../src-shared/market/quote';
import { createTradingCore, type PaperTradingCore } from '../core/trading-core';
import type { Expectation, Scenario, ScenarioStep } from './scenario-schema';

export interface ExpectationResult {
  expectation: Expectation;
  matched: number;
  ok: boolean;
}

export interface ScenarioRun {
  events: PipelineEvent[];
  /** One RFC 8785 canonical JSON per event: `{seq, step, ts, type, actor, payload}`. */
  lines: string[];
  expectations: ExpectationResult[];
  core: PaperTradingCore;
}

const levels = (rows: readonly (readonly [number, number])[]): DepthLevel[] => rows.map(([price, size]) => ({ price, size }));

function toQuote(s: Extract<ScenarioStep, { action: 'quote' }>, nowMs: number): Quote {
  const bids = levels(s.bids);
  const asks = levels(s.asks);
  return {
    contract: s.contract,
    bid: bids[0]?.price ?? null,
    bidSize: bids[0]?.size ?? 0,
    ask: asks[0]?.price ?? null,
    askSize: asks[0]?.size ?? 0,
    last: s.last?.[0] ?? null,
    lastSize: s.last?.[1] ?? 0,
    exchangeTs: nowMs - s.exchangeLagMs,
    receiveTs: nowMs,
    session: s.session,
    bids,
    asks,
    regime: s.regime,
  };
}

function runStep(core: PaperTradingCore, s: ScenarioStep, index: number, nowMs: number, sessionId: string): PipelineEvent[] {
  switch (s.action) {
    case 'quote':
      return core.onMarket({ kind: 'quote', quote: toQuote(s, nowMs) }, nowMs);
    case 'trade':
      return core.onMarket(
        {
          kind: 'trade',
          trade: {
            contract: s.contract,
            price: s.price,
            size: s.size,
            exchangeTs: nowMs - s.exchangeLagMs,
            receiveTs: nowMs,
            session: 'regular',
            auction: false,
          },
        },
        nowMs,
      );
    case 'submit': {
      const actionId = `step-${index}`;
      return core.submit(
        {
          intentId: `I-${actionId}`,
          idempotencyKey: s.key ?? `${sessionId}:${actionId}`,
          sessionId,
          source: { kind: 'operator', operator: s.operator, actionId },
          contract: s.contract,
          side: s.side,
          quantity: s.quantity,
          orderType: s.type,
          ...(s.limitPrice !== undefined ? { limitPrice: s.limitPrice } : {}),
          timeInForce: s.tif,
          reduceOnly: s.reduceOnly,
          createdTs: nowMs,
        },
        nowMs,
      );
    }
    case 'cancel':
      return core.cancel(s.orderId, s.by, nowMs);
    case 'halt':
      return core.halt(s.operator, s.reason, nowMs);
    case 'resume':
      return core.resume(s.operator, s.reason, nowMs);
    case 'advance':
      return core.onTime(nowMs);
    case 'end_session':
      return core.endSession(nowMs);
    case 'venue_fill':
      return core.injectFill({ orderId: s.orderId, fillId: s.fillId, price: s.price, quantity: s.quantity, liquidity: s.liquidity }, nowMs);
  }
}

function matches(e: PipelineEvent, x: Expectation): boolean {
  if (e.type !== x.type) return false;
  for (const [k, v] of Object.entries(x.where)) if (e.payload[k] !== v) return false;
  for (const [k, v] of Object.entries(x.contains)) {
    const actual = e.payload[k];
    if (typeof actual !== 'string' || !actual.includes(v)) return false;
  }
  return true;
}

export function checkExpectations(events: readonly PipelineEvent[], expectations: readonly Expectation[]): ExpectationResult[] {
  return expectations.map((x) => {
    const matched = events.filter((e) => matches(e, x)).length;
    return { expectation: x, matched, ok: x.count === undefined ? matched > 0 : matched === x.count };
  });
}

/** Run a validated scenario through a fresh trading core; same scenario = same lines, byte for byte. */
export function runScenario(scenario: Scenario): ScenarioRun {
  const core = createTradingCore(scenario.config);
  const startMs = Date.parse(scenario.start);
  const events: PipelineEvent[] = [];
  const lines: string[] = [];
  scenario.steps.forEach((s, index) => {
    for (const e of runStep(core, s, index, startMs + s.at, scenario.config.sessionId)) {
      events.push(e);
      lines.push(canonicalize({ seq: events.length, step: index, ts: e.ts, type: e.type, actor: e.actor, payload: e.payload }) ?? '');
    }
  });
  return { events, lines, expectations: checkExpectations(events, scenario.expect), core };
}
