import { describe, expect, it } from 'vitest';
import { MemorySink, type PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { MarketEvent } from '../../../src-shared/market/quote';
import { SimulatedClock } from '../../../src-main/pipeline/clock/simulated-clock';
import type { MarketDataSet } from '../../../src-main/pipeline/market-data/market-source';
import type { OperatorAction, OperatorInbox, OperatorPoll } from '../../../src-main/pipeline/operator/operator-action';
import { runSession, type RunnerSpec } from '../../../src-main/pipeline/runner/session-runner';
import { BreakoutStrategy } from '../../../src-main/pipeline/strategies/breakout';
import { RecordingCore } from './fake-core';
import { quoteAt, T0 } from './market-helpers';

const spec: RunnerSpec = {
  name: 't',
  lane: 'paper_research',
  owner: 'me',
  run_mode: 'backtest',
  speed: 1,
  seed: 1,
  contracts: [{ contract: 'TX 202612' }],
  approvals_required: false,
  window: {},
  timer_ms: 1000,
  strategy: { kind: 'breakout', id: 'brk' },
  order_defaults: { order_type: 'MARKET', time_in_force: 'IOC', reduce_only: false },
};

function dataOf(events: MarketEvent[]): MarketDataSet {
  return { id: 'crafted', fingerprint: 'f'.repeat(64), contracts: ['TX 202612'], events: () => events };
}

/** Quotes at T0 + i s for each bid; a breakout (channel 2) fires on the third rising quote. */
function rising(bids: number[], gapAt?: number): MarketEvent[] {
  return bids.map((b, i) => quoteAt(gapAt !== undefined && i >= gapAt ? i + 5 : i, b));
}

class ListInbox implements OperatorInbox {
  readonly done_: string[] = [];
  constructor(private pending: { afterPolls: number; action: OperatorAction }[]) {}
  private polls = 0;
  poll(): OperatorPoll {
    this.polls++;
    const due = this.pending.filter((p) => p.afterPolls <= this.polls);
    this.pending = this.pending.filter((p) => p.afterPolls > this.polls);
    return { actions: due.map((d) => d.action), rejected: [] };
  }
  done(a: OperatorAction): void {
    this.done_.push(a.action_id);
  }
}

async function run(events: MarketEvent[], over: Partial<RunnerSpec> = {}, inbox?: OperatorInbox) {
  const core = new RecordingCore();
  const sink = new MemorySink();
  const result = await runSession({
    sessionId: 's-1',
    spec: { ...spec, ...over },
    specHash: 'h'.repeat(64),
    data: dataOf(events),
    core,
    strategy: new BreakoutStrategy('brk', { channel: 2, quantity: 2, margin_points: 0 }, new Set(['TX 202612'])),
    sink,
    clock: new SimulatedClock(),
    ...(inbox ? { operatorInbox: inbox } : {}),
  });
  return { core, sink, result };
}

const types = (events: PipelineEvent[]) => events.map((e) => e.type);

describe('runSession', () => {
  it('runs market -> strategy -> intent -> submit and puts each step in one appendStep', async () => {
    const { core, sink, result } = await run(rising([100, 101, 102]));
    expect(types(sink.steps[0]!.events)).toEqual(['session.started']);
    const started = sink.steps[0]!.events[0]!.payload;
    expect(started).toMatchObject({
      session_id: 's-1',
      mode: 'paper',
      run_mode: 'backtest',
      data_fingerprint: 'f'.repeat(64),
      spec_hash: 'h'.repeat(64),
    });
    // Timer ticks between quotes one second apart never fire: the next quote arrives first.
    expect(core.calls).toEqual([
      `market@${T0}`,
      `market@${T0 + 1000}`,
      `market@${T0 + 2000}`,
      `submit:BUY2@${T0 + 2000}`,
      `end@${T0 + 2000}`,
    ]);
    const signalStep = sink.steps.find((s) => s.events.some((e) => e.type === 'strategy.signal'))!;
    expect(types(signalStep.events)).toEqual(['strategy.signal', 'intent.created', 'fake.fill']);
    expect(signalStep.events[1]!.payload).toMatchObject({ side: 'BUY', quantity: 2, order_type: 'MARKET', time_in_force: 'IOC' });
    const last = sink.steps.at(-1)!.events;
    expect(types(last)).toEqual(['fake.end', 'session.completed']);
    expect(result.summary).toMatchObject({
      orders: 1,
      fills: 1,
      gross_pnl: '7.50',
      fees: '1.00',
      tax: '0.50',
      net_pnl: '6.00',
      market_events: 3,
      signals: 1,
      intents: 1,
      positions: [{ contract: 'TX 202612', quantity: 2, avg_price: '0' }],
    });
  });

  it('fires core.onTime in quiet gaps, once per timer interval of data time', async () => {
    const { core } = await run(rising([100, 100], 1));
    // Quotes at T0 and T0 + 6 s: ticks at +1..+5 s.
    expect(core.calls.filter((c) => c.startsWith('time@'))).toEqual([1, 2, 3, 4, 5].map((s) => `time@${T0 + s * 1000}`));
  });

  it('respects the session window', async () => {
    const { core, result } = await run(rising([100, 101, 102, 103, 104]), {
      window: { start: new Date(T0 + 1000).toISOString(), end: new Date(T0 + 3000).toISOString() },
    });
    expect(core.calls.filter((c) => c.startsWith('market@'))).toEqual([T0 + 1000, T0 + 2000, T0 + 3000].map((t) => `market@${t}`));
    expect(result.summary.market_events).toBe(3);
  });

  it('applies operator actions between steps through the core and records them', async () => {
    const base = { v: 1 as const, requested_at: '2026-12-01T00:00:00.000Z' };
    const inbox = new ListInbox([
      { afterPolls: 2, action: { ...base, kind: 'halt', action_id: 'a1', operator: 'mei', reason: 'looks wrong' } },
      { afterPolls: 4, action: { ...base, kind: 'resume', action_id: 'a2', operator: 'mei', reason: 'checked' } },
      {
        afterPolls: 4,
        action: {
          ...base,
          kind: 'order',
          action_id: 'a3',
          operator: 'mei',
          reason: 'manual',
          order: { contract: 'TX 202612', side: 'SELL', quantity: 1 },
        },
      },
    ]);
    const { core, sink } = await run(rising([100, 100, 100, 100]), {}, inbox);
    expect(core.calls.filter((c) => /^(halt|resume|submit)/.test(c))).toEqual([
      `halt:mei@${T0}`,
      `resume:mei@${T0 + 2000}`,
      `submit:SELL1@${T0 + 2000}`,
    ]);
    const haltStep = sink.steps.find((s) => s.events.some((e) => e.type === 'fake.halt'))!;
    expect(types(haltStep.events)).toEqual(['operator.action', 'fake.halt', 'fake.cancel']);
    expect(haltStep.events[0]).toMatchObject({ actor: 'operator:mei', payload: { action_id: 'a1', kind: 'halt', reason: 'looks wrong' } });
    const orderStep = sink.steps.find((s) => s.events.some((e) => e.payload.kind === 'order'))!;
    expect(types(orderStep.events)).toEqual(['operator.action', 'intent.created', 'fake.fill']);
    expect(orderStep.events[1]!.payload.source).toEqual({ kind: 'operator', operator: 'mei', action_id: 'a3' });
    expect(inbox.done_).toEqual(['a1', 'a2', 'a3']);
  });

  it('holds intents for approval instead of submitting when the spec requires approvals', async () => {
    const { core, sink } = await run(rising([100, 101, 102]), { approvals_required: true });
    expect(core.calls.some((c) => c.startsWith('submit'))).toBe(false);
    expect(types(sink.events)).toContain('approval.requested');
  });

  it('ends early when the clock is stopped, still closing the session', async () => {
    const core = new RecordingCore();
    const sink = new MemorySink();
    const clock = new SimulatedClock();
    const events = rising([100, 100, 100, 100]);
    const data: MarketDataSet = {
      ...dataOf(events),
      *events() {
        for (const [i, e] of events.entries()) {
          if (i === 2) clock.stop();
          yield e;
        }
      },
    };
    const r = await runSession({
      sessionId: 's',
      spec,
      specHash: 'x',
      data,
      core,
      strategy: new BreakoutStrategy('b', { channel: 2, quantity: 1, margin_points: 0 }, new Set(['TX 202612'])),
      sink,
      clock,
    });
    expect(r.summary).toMatchObject({ market_events: 2, stopped_early: true });
    expect(types(sink.steps.at(-1)!.events)).toEqual(['fake.end', 'session.completed']);
  });
});
