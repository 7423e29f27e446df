import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { pipelineEvent } from '../../../src-shared/events/catalog';
import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { scanRecordedInputs } from '../../../src-main/services/replay/recorded-inputs';
import { parseRecorded, type RecordedLog } from '../../../src-main/services/replay/recorded-log';

/** Issue 13: replay reads the runner's inputs with the event catalog, and refuses what is not their shape. */
function logOf(events: PipelineEvent[]): RecordedLog {
  return {
    log: 'session/S-1',
    sessionId: 'S-1',
    events: () => events.map((e, seq) => parseRecorded(seq, canonicalize({ ...e, seq })!)),
  };
}

const TS = '2026-12-01T01:00:00.000Z';
const halt = pipelineEvent('operator.action', TS, 'operator:ana', { action_id: 'A-1', kind: 'halt', reason: 'lunch', requested_at: TS });
const order = pipelineEvent('operator.action', TS, 'operator:ana', { action_id: 'A-2', kind: 'order', reason: 'hedge', requested_at: TS });
const intent = pipelineEvent('intent.created', TS, 'platform', {
  intent_id: 'I-1',
  idempotency_key: 'k-1',
  source: { kind: 'operator', operator: 'ana', action_id: 'A-2' },
  contract: 'TX 202612',
  side: 'SELL',
  quantity: 2,
  order_type: 'LIMIT',
  time_in_force: 'ROD',
  reduce_only: true,
  limit_price: 23001,
});

describe('scanRecordedInputs', () => {
  it("takes operator actions and a manual order's details from the catalog-shaped events", () => {
    const r = scanRecordedInputs(logOf([halt, order, intent]));
    expect(r.operator.map((o) => (o.kind === 'action' ? [o.seq, o.action.kind, o.action.operator] : o.kind))).toEqual([
      [0, 'halt', 'ana'],
      [1, 'order', 'ana'],
    ]);
    const manual = r.operator[1]!;
    expect(manual.kind === 'action' && manual.action.kind === 'order' ? manual.action.order : null).toEqual({
      contract: 'TX 202612',
      side: 'SELL',
      quantity: 2,
      order_type: 'LIMIT',
      limit_price: 23001,
      time_in_force: 'ROD',
      reduce_only: true,
    });
  });

  it('refuses an operator action that is not the runner shape, naming its seq and field, instead of guessing a halt', () => {
    const bare = { type: 'operator.action', ts: TS, actor: 'operator:ana', payload: { kind: 'halt', reason: 'end of drill' } };
    expect(() => scanRecordedInputs(logOf([halt, bare]))).toThrow(/^REPLAY_INPUT_INVALID: seq=1; operator\.action: action_id: /);
  });

  it('refuses an intent whose quantity is not an integer', () => {
    const bad = { ...intent, payload: { ...intent.payload, quantity: 1.5 } };
    expect(() => scanRecordedInputs(logOf([order, bad]))).toThrow(/^REPLAY_INPUT_INVALID: seq=1; intent\.created: quantity: /);
  });
});
