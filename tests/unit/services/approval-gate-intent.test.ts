import { describe, expect, it } from 'vitest';
import { pipelineEvent } from '../../../src-shared/events/catalog';
import { intentFromPayload } from '../../../src-main/services/session-execution/approval-gate';

/** A released intent is rebuilt from the `intent.created` the runner logged, read with the event catalog. */
const created = pipelineEvent('intent.created', '2026-12-01T01:00:00.000Z', 'platform', {
  intent_id: 'I-1',
  idempotency_key: 'k-1',
  source: { kind: 'strategy', strategy_id: 'breakout', signal_id: 'S-7' },
  contract: 'MTX 202612',
  side: 'BUY',
  quantity: 3,
  order_type: 'LIMIT',
  time_in_force: 'ROD',
  reduce_only: false,
  limit_price: 21000,
});

describe('intentFromPayload', () => {
  it('rebuilds every field of the logged intent', () => {
    expect(intentFromPayload(created.payload, 'S-20261201-1', 5)).toEqual({
      intentId: 'I-1',
      idempotencyKey: 'k-1',
      sessionId: 'S-20261201-1',
      source: { kind: 'strategy', strategyId: 'breakout', signalId: 'S-7' },
      contract: 'MTX 202612',
      side: 'BUY',
      quantity: 3,
      orderType: 'LIMIT',
      limitPrice: 21000,
      timeInForce: 'ROD',
      reduceOnly: false,
      createdTs: 5,
    });
  });

  it('refuses a payload that is not the runner shape instead of submitting a guess', () => {
    const { quantity: _q, ...missing } = created.payload;
    expect(() => intentFromPayload(missing, 'S-1', 0)).toThrow(/^INTENT_INVALID: intent\.created: quantity: /);
    expect(() => intentFromPayload({ ...created.payload, side: 'HOLD' }, 'S-1', 0)).toThrow(/^INTENT_INVALID: intent\.created: side: /);
  });
});
