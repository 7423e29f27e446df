import { describe, expect, it } from 'vitest';
import { buildOperatorIntent, buildStrategyIntent, type IntentDefaults } from '../../../src-main/pipeline/intents/intent-builder';
import { operatorIdempotencyKey, strategyIdempotencyKey } from '../../../src-main/pipeline/intents/idempotency-key';
import type { StrategySignal } from '../../../src-shared/strategy/signal';

const defaults: IntentDefaults = { orderType: 'MARKET', timeInForce: 'IOC', reduceOnly: false };

function signal(over: Partial<StrategySignal> = {}): StrategySignal {
  return {
    signalId: 'brk-1',
    strategyId: 'brk',
    contract: 'TX 202612',
    direction: 'target',
    quantity: 2,
    strength: 1000,
    reason: 'BREAKOUT_UP: x=1',
    seenQuoteTs: 1,
    ts: 2,
    ...over,
  };
}

describe('idempotency keys', () => {
  it('are stable, 32 hex chars, and depend on session and id', () => {
    const k = strategyIdempotencyKey('s1', 'brk-1');
    expect(k).toMatch(/^[0-9a-f]{32}$/);
    expect(strategyIdempotencyKey('s1', 'brk-1')).toBe(k);
    expect(strategyIdempotencyKey('s2', 'brk-1')).not.toBe(k);
    expect(strategyIdempotencyKey('s1', 'brk-2')).not.toBe(k);
    // An operator action that happens to share the id never collides with a signal.
    expect(operatorIdempotencyKey('s1', 'brk-1')).not.toBe(k);
  });
});

describe('buildStrategyIntent', () => {
  it('turns a target into the delta from the current position', () => {
    const r = buildStrategyIntent(signal({ quantity: 2 }), { sessionId: 's1', position: -1, defaults, nowMs: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intent).toEqual({
      intentId: `int-${strategyIdempotencyKey('s1', 'brk-1').slice(0, 16)}`,
      idempotencyKey: strategyIdempotencyKey('s1', 'brk-1'),
      sessionId: 's1',
      source: { kind: 'strategy', strategyId: 'brk', signalId: 'brk-1' },
      contract: 'TX 202612',
      side: 'BUY',
      quantity: 3,
      orderType: 'MARKET',
      timeInForce: 'IOC',
      reduceOnly: false,
      createdTs: 5,
    });
  });

  it('sells down to a lower target and skips a target already held', () => {
    const down = buildStrategyIntent(signal({ quantity: -1 }), { sessionId: 's1', position: 2, defaults, nowMs: 5 });
    expect(down.ok && [down.intent.side, down.intent.quantity]).toEqual(['SELL', 3]);
    const held = buildStrategyIntent(signal({ quantity: 2 }), { sessionId: 's1', position: 2, defaults, nowMs: 5 });
    expect(held).toEqual({ ok: false, reason: 'TARGET_ALREADY_HELD: signal_id=brk-1, target=2, position=2' });
  });

  it('takes buy/sell quantities as they are, ignoring the position', () => {
    const r = buildStrategyIntent(signal({ direction: 'sell', quantity: 4 }), { sessionId: 's1', position: 10, defaults, nowMs: 5 });
    expect(r.ok && [r.intent.side, r.intent.quantity]).toEqual(['SELL', 4]);
    expect(buildStrategyIntent(signal({ direction: 'buy', quantity: 0 }), { sessionId: 's1', position: 0, defaults, nowMs: 5 }).ok).toBe(
      false,
    );
  });

  it('lets the signal override the platform defaults, and refuses LIMIT without a price', () => {
    const r = buildStrategyIntent(signal({ orderType: 'LIMIT', limitPrice: 22000, timeInForce: 'ROD', reduceOnly: true }), {
      sessionId: 's1',
      position: 0,
      defaults,
      nowMs: 5,
    });
    expect(r.ok && [r.intent.orderType, r.intent.limitPrice, r.intent.timeInForce, r.intent.reduceOnly]).toEqual([
      'LIMIT',
      22000,
      'ROD',
      true,
    ]);
    const missing = buildStrategyIntent(signal(), {
      sessionId: 's1',
      position: 0,
      defaults: { ...defaults, orderType: 'LIMIT' },
      nowMs: 5,
    });
    expect(missing).toEqual({ ok: false, reason: 'LIMIT_PRICE_MISSING: signal_id=brk-1' });
  });

  it('never carries a limit price on a MARKET order', () => {
    const r = buildStrategyIntent(signal({ orderType: 'MARKET', limitPrice: 1 }), { sessionId: 's1', position: 0, defaults, nowMs: 5 });
    expect(r.ok && 'limitPrice' in r.intent).toBe(false);
  });
});

describe('buildOperatorIntent', () => {
  it('takes the same path with an operator source and key', () => {
    const r = buildOperatorIntent(
      { actionId: 'a-1', operator: 'mei', contract: 'MTX 202612', side: 'SELL', quantity: 1 },
      { sessionId: 's1', defaults, nowMs: 9 },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intent.source).toEqual({ kind: 'operator', operator: 'mei', actionId: 'a-1' });
    expect(r.intent.idempotencyKey).toBe(operatorIdempotencyKey('s1', 'a-1'));
    expect([r.intent.side, r.intent.quantity, r.intent.orderType, r.intent.createdTs]).toEqual(['SELL', 1, 'MARKET', 9]);
  });
});
