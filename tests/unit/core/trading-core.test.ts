import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonValue } from '../../../src-shared/json';
import { parseNtd } from '../../../src-shared/money';
import { ORDER_TRANSITIONS, type OrderEvent, type OrderState } from '../../../src-shared/oms/order-state-machine';
import { foldFills, positionOf } from '../../../src-shared/portfolio/portfolio';
import { FillModelSchema, TradingCoreConfigSchema } from '../../../src-main/pipeline/core/config';
import { createTradingCore, type PaperTradingCore } from '../../../src-main/pipeline/core/trading-core';
import { baseConfig, CONTRACT, quote, T0 } from './core-helpers';

type Op =
  | { k: 'quote'; dt: number; mid: number; spread: number; size: number }
  | { k: 'trade'; dt: number; offset: number; size: number }
  | {
      k: 'submit';
      dt: number;
      side: 'BUY' | 'SELL';
      qty: number;
      type: 'MARKET' | 'LIMIT';
      offset: number;
      tif: 'ROD' | 'IOC' | 'FOK';
      reduceOnly: boolean;
    }
  | { k: 'cancel'; dt: number; order: number }
  | { k: 'time'; dt: number }
  | { k: 'fill'; dt: number; order: number; fillId: number; qty: number }
  | { k: 'halt'; dt: number }
  | { k: 'resume'; dt: number };

const dt = fc.integer({ min: 0, max: 400 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('quote' as const),
      dt,
      mid: fc.integer({ min: 22_950, max: 23_050 }),
      spread: fc.integer({ min: 1, max: 4 }),
      size: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('trade' as const),
      dt,
      offset: fc.integer({ min: -3, max: 3 }),
      size: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('submit' as const),
      dt,
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      qty: fc.integer({ min: 1, max: 6 }),
      type: fc.constantFrom('MARKET' as const, 'LIMIT' as const),
      offset: fc.integer({ min: -4, max: 4 }),
      tif: fc.constantFrom('ROD' as const, 'IOC' as const, 'FOK' as const),
      reduceOnly: fc.constantFrom(false, false, false, true),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cancel' as const), dt, order: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('time' as const), dt }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('fill' as const),
      dt,
      order: fc.integer({ min: 1, max: 12 }),
      fillId: fc.integer({ min: 1, max: 4 }),
      qty: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('halt' as const), dt }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('resume' as const), dt }) },
);
const latencyArb = fc.record({
  submitLatencyMs: fc.integer({ min: 0, max: 300 }),
  cancelLatencyMs: fc.integer({ min: 0, max: 300 }),
  ackTimeoutMs: fc.constantFrom(0, 150),
});

function run(
  ops: Op[],
  latency: { submitLatencyMs: number; cancelLatencyMs: number; ackTimeoutMs: number },
): { core: PaperTradingCore; events: PipelineEvent[]; lastQuote: { bid: number; ask: number } } {
  const core = createTradingCore(baseConfig({ fillModel: { marketProtectionPoints: 2, ...latency } }));
  const events: PipelineEvent[] = [];
  let now = T0;
  let mid = 23_000;
  let seq = 0;
  let lastQuote = { bid: 23_000, ask: 23_001 };
  events.push(...core.onMarket({ kind: 'quote', quote: quote(now, 23_000, 23_001) }, now));
  for (const op of ops) {
    now += op.dt;
    switch (op.k) {
      case 'quote':
        mid = op.mid;
        lastQuote = { bid: op.mid - Math.floor(op.spread / 2), ask: op.mid - Math.floor(op.spread / 2) + op.spread };
        events.push(
          ...core.onMarket(
            {
              kind: 'quote',
              quote: quote(now, op.mid - Math.floor(op.spread / 2), op.mid - Math.floor(op.spread / 2) + op.spread, op.size),
            },
            now,
          ),
        );
        break;
      case 'trade':
        events.push(
          ...core.onMarket(
            {
              kind: 'trade',
              trade: {
                contract: CONTRACT,
                price: mid + op.offset,
                size: op.size,
                exchangeTs: now,
                receiveTs: now,
                session: 'regular',
                auction: false,
              },
            },
            now,
          ),
        );
        break;
      case 'submit': {
        seq += 1;
        events.push(
          ...core.submit(
            {
              intentId: `I-${seq}`,
              idempotencyKey: `k-${seq}`,
              sessionId: 'test',
              source: { kind: 'strategy', strategyId: 'prop', signalId: `s-${seq}` },
              contract: CONTRACT,
              side: op.side,
              quantity: op.qty,
              orderType: op.type,
              ...(op.type === 'LIMIT' ? { limitPrice: mid + op.offset } : {}),
              timeInForce: op.tif,
              reduceOnly: op.reduceOnly,
              createdTs: now,
            },
            now,
          ),
        );
        break;
      }
      case 'cancel':
        events.push(...core.cancel(`O-${String(op.order).padStart(6, '0')}`, 'tester', now));
        break;
      case 'time':
        events.push(...core.onTime(now));
        break;
      case 'fill':
        events.push(
          ...core.injectFill(
            { orderId: `O-${String(op.order).padStart(6, '0')}`, fillId: `X-${op.fillId}`, price: mid, quantity: op.qty },
            now,
          ),
        );
        break;
      case 'halt':
        events.push(...core.halt('tester', 'drill', now));
        break;
      case 'resume':
        events.push(...core.resume('tester', 'drill over', now));
        break;
    }
  }
  events.push(...core.endSession(now + 1));
  return { core, events, lastQuote };
}

function assertCanonicalSafe(v: JsonValue | undefined, path: string): void {
  if (v === undefined) throw new Error(`undefined at ${path}`);
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error(`non-integer number ${v} at ${path}`);
  if (Array.isArray(v)) v.forEach((x, i) => assertCanonicalSafe(x, `${path}[${i}]`));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) assertCanonicalSafe(x, `${path}.${k}`);
}

const lines = (events: PipelineEvent[]) => events.map((e) => canonicalize(e) ?? '').join('\n');

describe('trading core properties', () => {
  it('position = signed sum of fills; equity identity; the portfolio rebuilds from fill events; only table transitions; canonical-safe payloads', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 80, size: 'large' }), latencyArb, (ops, latency) => {
        const { core, events, lastQuote } = run(ops, latency);
        const snap = core.snapshot();
        const fills = events.filter((e) => e.type === 'broker.fill');
        const signed = fills.reduce((n, e) => n + (e.payload.side === 'BUY' ? 1 : -1) * (e.payload.quantity as number), 0);
        const pos = snap.positions.find((p) => p.contract === CONTRACT);
        expect(pos?.quantity ?? 0).toBe(signed);
        // Equity from cash flow, not from the position fields it is computed from: every fill moves cash
        // by price x quantity x multiplier (paid on a buy, received on a sell) less its fees and tax, and
        // what is still held is worth the mark it would close at (bid if long, ask if short).
        const MULT = 200 * 100;
        const cash = fills.reduce(
          (n, e) =>
            n +
            (e.payload.side === 'SELL' ? 1 : -1) * (e.payload.price as number) * (e.payload.quantity as number) * MULT -
            parseNtd(e.payload.fees_ntd as string) -
            parseNtd(e.payload.tax_ntd as string),
          0,
        );
        const held = signed * (signed > 0 ? lastQuote.bid : lastQuote.ask) * MULT;
        expect(snap.equityCents).toBe(snap.startEquityCents + cash + held);
        expect(snap.counts.fills).toBe(fills.length);

        const rebuilt = foldFills(
          snap.startEquityCents,
          fills.map((e) => ({
            contract: e.payload.contract as string,
            root: 'TX' as const,
            side: e.payload.side as 'BUY' | 'SELL',
            price: e.payload.price as number,
            quantity: e.payload.quantity as number,
            feesCents: parseNtd(e.payload.fees_ntd as string),
            taxCents: parseNtd(e.payload.tax_ntd as string),
          })),
        );
        const rp = positionOf(rebuilt, CONTRACT, 'TX');
        expect([rp.quantity, rp.realizedCents, rp.feesCents, rp.taxCents]).toEqual([
          pos?.quantity ?? 0,
          pos?.realizedCents ?? 0,
          pos?.feesCents ?? 0,
          pos?.taxCents ?? 0,
        ]);

        for (const e of events) {
          assertCanonicalSafe(e.payload, e.type);
          if (e.type !== 'oms.transition') continue;
          const { from, to, event } = e.payload as { from: OrderState; to: OrderState; event: OrderEvent };
          expect(ORDER_TRANSITIONS[from][event]).toBe(to);
        }
        expect(snap.openOrders).toBe(0); // endSession leaves nothing working
      }),
      { numRuns: 150 },
    );
  });

  it('same config and inputs give identical event bytes across two runs', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 60, size: 'large' }), latencyArb, (ops, latency) => {
        expect(lines(run(ops, latency).events)).toBe(lines(run(ops, latency).events));
      }),
      { numRuns: 60 },
    );
  });
});

describe('trading core config', () => {
  it('is strict and paper-only', () => {
    expect(TradingCoreConfigSchema.safeParse(baseConfig()).success).toBe(true);
    const extra = TradingCoreConfigSchema.safeParse({ ...baseConfig(), broker: 'x' });
    expect(extra.success).toBe(false);
    const mode = TradingCoreConfigSchema.safeParse({ ...baseConfig(), mode: 'real' });
    expect(mode.error?.issues[0]?.path).toEqual(['mode']);
    const contract = TradingCoreConfigSchema.safeParse({ ...baseConfig(), contracts: [{ contract: 'TX 2027', prevSettlement: 1 }] });
    expect(contract.error?.issues[0]?.path).toEqual(['contracts', 0, 'contract']);
    expect(FillModelSchema.safeParse({ latencyMs: 3 }).success).toBe(false);
    expect(FillModelSchema.parse({})).toEqual({
      submitLatencyMs: 0,
      cancelLatencyMs: 0,
      ackTimeoutMs: 0,
      marketProtectionPoints: 0,
      dropAckOrderIds: [],
    });
  });

  it('a duplicate idempotency key is denied', () => {
    const core = createTradingCore(baseConfig());
    core.onMarket({ kind: 'quote', quote: quote(T0, 23000, 23001) }, T0);
    const base = {
      intentId: 'I-1',
      idempotencyKey: 'same',
      sessionId: 'test',
      source: { kind: 'operator' as const, operator: 'o', actionId: 'a' },
      contract: CONTRACT,
    };
    const order = {
      ...base,
      side: 'BUY' as const,
      quantity: 1,
      orderType: 'LIMIT' as const,
      limitPrice: 22990,
      timeInForce: 'ROD' as const,
      reduceOnly: false,
      createdTs: T0,
    };
    expect(core.submit(order, T0).find((e) => e.type === 'risk.decision')?.payload.verdict).toBe('ALLOW');
    const second = core.submit({ ...order, intentId: 'I-2' }, T0 + 1).find((e) => e.type === 'risk.decision');
    expect(second?.payload.reason).toBe('DUPLICATE_IDEMPOTENCY_KEY: key=same');
  });

  it('a cancel for an unknown order is an oms.error, never a silent change', () => {
    const core = createTradingCore(baseConfig());
    const ev = core.cancel('O-000042', 'tester', T0);
    expect(ev.map((e) => [e.type, e.payload.error])).toEqual([['oms.error', 'UNKNOWN_ORDER: order_id=O-000042']]);
  });

  it('outside a session the contract has no market', () => {
    const core = createTradingCore(baseConfig());
    const night = Date.parse('2026-12-10T06:30:00.000Z'); // 14:30 Taipei: between the sessions
    core.onMarket({ kind: 'quote', quote: quote(night, 23000, 23001) }, night);
    const ev = core.submit(
      {
        intentId: 'I',
        idempotencyKey: 'k',
        sessionId: 'test',
        source: { kind: 'operator', operator: 'o', actionId: 'a' },
        contract: CONTRACT,
        side: 'BUY',
        quantity: 1,
        orderType: 'LIMIT',
        limitPrice: 22990,
        timeInForce: 'ROD',
        reduceOnly: false,
        createdTs: night,
      },
      night,
    );
    expect(ev.find((e) => e.type === 'risk.decision')?.payload.reason).toBe('NO_MARKET: contract=TX 202701, session=none, known=true');
  });
});

describe('breakers through the core', () => {
  const buy = (atMs: number, key: string) => ({
    intentId: key,
    idempotencyKey: key,
    sessionId: 'test',
    source: { kind: 'operator' as const, operator: 'o', actionId: key },
    contract: CONTRACT,
    side: 'BUY' as const,
    quantity: 1,
    orderType: 'LIMIT' as const,
    limitPrice: 22990,
    timeInForce: 'ROD' as const,
    reduceOnly: false,
    createdTs: atMs,
  });

  it('feed loss configured to HALTED latches HALTED and cancels working orders; equal gap does not trip', () => {
    const cfg = baseConfig();
    const core = createTradingCore({ ...cfg, risk: { ...cfg.risk, feedLossMs: 3000, feedLossAction: 'HALTED' } });
    core.onMarket({ kind: 'quote', quote: quote(T0, 23000, 23001) }, T0);
    core.submit(buy(T0, 'a'), T0);
    expect(core.onTime(T0 + 3000).filter((e) => e.type === 'risk.breach')).toEqual([]);
    const ev = core.onTime(T0 + 3001);
    expect(ev.find((e) => e.type === 'risk.breach')?.payload).toMatchObject({ code: 'DATA_FEED_LOSS', action: 'HALTED' });
    expect(ev.find((e) => e.type === 'broker.cancel')?.payload.reason).toBe('KILL_SWITCH_CANCEL: trigger=DATA_FEED_LOSS');
    expect(core.snapshot().tradingState).toBe('HALTED');
    expect(core.snapshot().breaches).toEqual(['DATA_FEED_LOSS: gap_ms=3001, max_ms=3000']);
  });

  it('drawdown breach from the peak halts; the snapshot reports max drawdown', () => {
    const cfg = baseConfig();
    // start NT$10,000,000; 100 bps = NT$100,000. Long 10 TX loses NT$2,000 per point.
    const core = createTradingCore({ ...cfg, risk: { ...cfg.risk, maxDrawdownBps: 100 } });
    core.onMarket({ kind: 'quote', quote: quote(T0, 23000, 23001, 10) }, T0);
    core.submit({ ...buy(T0, 'b'), quantity: 10, orderType: 'MARKET' }, T0);
    const quiet = core.onMarket({ kind: 'quote', quote: quote(T0 + 10, 22960, 22961, 10) }, T0 + 10);
    expect(quiet.filter((e) => e.type === 'risk.breach')).toEqual([]);
    const ev = core.onMarket({ kind: 'quote', quote: quote(T0 + 20, 22940, 22941, 10) }, T0 + 20);
    expect(ev.find((e) => e.type === 'risk.breach')?.payload.code).toBe('MAX_DRAWDOWN');
    const snap = core.snapshot();
    expect(snap.tradingState).toBe('HALTED');
    expect(snap.maxDrawdownCents).toBe(snap.startEquityCents - snap.equityCents);
  });
});
