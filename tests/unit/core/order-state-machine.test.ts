import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_EVENTS, ORDER_STATES, transition, type OrderEvent, type OrderState } from '../../../src-shared/oms/order-state-machine';

// Written out independently of the implementation's table: every allowed (state, event) -> next.
const ALLOWED: Record<string, OrderState> = {
  'INITIALIZED RISK_DENY': 'DENIED',
  'INITIALIZED SUBMIT': 'SUBMITTED',
  'SUBMITTED ACK': 'ACCEPTED',
  'SUBMITTED REJECT': 'REJECTED',
  'SUBMITTED ACK_TIMEOUT': 'REJECTED',
  'SUBMITTED CANCEL_REQUEST': 'PENDING_CANCEL',
  'SUBMITTED EXPIRE': 'EXPIRED',
  'ACCEPTED FILL_PARTIAL': 'PARTIALLY_FILLED',
  'ACCEPTED FILL_FULL': 'FILLED',
  'ACCEPTED CANCEL_REQUEST': 'PENDING_CANCEL',
  'ACCEPTED VENUE_CANCEL': 'CANCELED',
  'ACCEPTED EXPIRE': 'EXPIRED',
  'REJECTED CANCEL_REJECT': 'REJECTED',
  'PARTIALLY_FILLED FILL_PARTIAL': 'PARTIALLY_FILLED',
  'PARTIALLY_FILLED FILL_FULL': 'FILLED',
  'PARTIALLY_FILLED CANCEL_REQUEST': 'PENDING_CANCEL',
  'PARTIALLY_FILLED VENUE_CANCEL': 'CANCELED',
  'PARTIALLY_FILLED EXPIRE': 'EXPIRED',
  'PENDING_CANCEL ACK': 'PENDING_CANCEL',
  'PENDING_CANCEL REJECT': 'REJECTED',
  'PENDING_CANCEL ACK_TIMEOUT': 'REJECTED',
  'PENDING_CANCEL FILL_PARTIAL': 'PENDING_CANCEL',
  'PENDING_CANCEL FILL_FULL': 'FILLED',
  'PENDING_CANCEL CANCEL_ACK': 'CANCELED',
  'PENDING_CANCEL CANCEL_REJECT': 'ACCEPTED',
  'PENDING_CANCEL VENUE_CANCEL': 'CANCELED',
  'PENDING_CANCEL EXPIRE': 'EXPIRED',
  'FILLED CANCEL_REJECT': 'FILLED',
  'CANCELED CANCEL_REJECT': 'CANCELED',
  'EXPIRED FILL_PARTIAL': 'EXPIRED',
  'EXPIRED FILL_FULL': 'FILLED',
  'EXPIRED CANCEL_REJECT': 'EXPIRED',
};

describe('order state machine', () => {
  const pairs = ORDER_STATES.flatMap((s) => ORDER_EVENTS.map((e) => [s, e] as const));

  it('covers 10 states x 12 events', () => {
    expect(pairs).toHaveLength(120);
  });

  it.each(pairs)('%s + %s', (state, event) => {
    const want = ALLOWED[`${state} ${event}`];
    const got = transition(state, event);
    if (want === undefined) expect(got).toEqual({ ok: false, error: `INVALID_TRANSITION: state=${state}, event=${event}` });
    else expect(got).toEqual({ ok: true, next: want });
  });

  it('a late fill after a cancel request or after expiry ends the order FILLED', () => {
    const walk = (start: OrderState, events: OrderEvent[]) =>
      events.reduce<OrderState>((s, e) => {
        const r = transition(s, e);
        if (!r.ok) throw new Error(r.error);
        return r.next;
      }, start);
    expect(walk('ACCEPTED', ['CANCEL_REQUEST', 'FILL_FULL', 'CANCEL_REJECT'])).toBe('FILLED');
    expect(walk('PARTIALLY_FILLED', ['EXPIRE', 'FILL_FULL'])).toBe('FILLED');
  });

  it('property: any event sequence only ever moves along the table', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER_EVENTS), { maxLength: 30 }), (events) => {
        let s: OrderState = 'INITIALIZED';
        for (const e of events) {
          const r = transition(s, e);
          if (r.ok) {
            expect(ALLOWED[`${s} ${e}`]).toBe(r.next);
            s = r.next;
          } else expect(ALLOWED[`${s} ${e}`]).toBeUndefined();
        }
      }),
    );
  });
});
