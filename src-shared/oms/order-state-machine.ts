/**
 * The order lifecycle as ONE table. DENIED = refused by our risk engine; REJECTED = refused by the
 * (paper) venue. A pair missing from the table is an error the OMS reports, never a silent change.
 */
export const ORDER_STATES = [
  'INITIALIZED',
  'DENIED',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'PENDING_CANCEL',
  'CANCELED',
  'EXPIRED',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_EVENTS = [
  'RISK_DENY',
  'SUBMIT',
  'ACK',
  'REJECT',
  'ACK_TIMEOUT',
  'FILL_PARTIAL',
  'FILL_FULL',
  'CANCEL_REQUEST',
  'CANCEL_ACK',
  'CANCEL_REJECT',
  /** The venue ends the remainder itself: IOC/FOK/MARKET leftovers, data failures. */
  'VENUE_CANCEL',
  'EXPIRE',
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

type Table = { readonly [S in OrderState]: Readonly<Partial<Record<OrderEvent, OrderState>>> };

export const ORDER_TRANSITIONS: Table = Object.freeze({
  INITIALIZED: { RISK_DENY: 'DENIED', SUBMIT: 'SUBMITTED' },
  DENIED: {},
  SUBMITTED: { ACK: 'ACCEPTED', REJECT: 'REJECTED', ACK_TIMEOUT: 'REJECTED', CANCEL_REQUEST: 'PENDING_CANCEL', EXPIRE: 'EXPIRED' },
  ACCEPTED: {
    FILL_PARTIAL: 'PARTIALLY_FILLED',
    FILL_FULL: 'FILLED',
    CANCEL_REQUEST: 'PENDING_CANCEL',
    VENUE_CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
  },
  // A cancel that reaches the venue after the order ended is answered with a reject; nothing changes.
  REJECTED: { CANCEL_REJECT: 'REJECTED' },
  PARTIALLY_FILLED: {
    FILL_PARTIAL: 'PARTIALLY_FILLED',
    FILL_FULL: 'FILLED',
    CANCEL_REQUEST: 'PENDING_CANCEL',
    VENUE_CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
  },
  PENDING_CANCEL: {
    // The venue acknowledges an order whose cancel is already on its way: the cancel stays pending.
    ACK: 'PENDING_CANCEL',
    REJECT: 'REJECTED',
    ACK_TIMEOUT: 'REJECTED',
    // A fill can win the race against the cancel; a full fill ends the order and the cancel is rejected.
    FILL_PARTIAL: 'PENDING_CANCEL',
    FILL_FULL: 'FILLED',
    CANCEL_ACK: 'CANCELED',
    // The venue refused the cancel but the order still works; the filled quantity is kept on the order.
    CANCEL_REJECT: 'ACCEPTED',
    VENUE_CANCEL: 'CANCELED',
    EXPIRE: 'EXPIRED',
  },
  // The cancel that lost the race to the last fill is answered with a reject; the order stays FILLED.
  FILLED: { CANCEL_REJECT: 'FILLED' },
  CANCELED: { CANCEL_REJECT: 'CANCELED' },
  // Fills reported after expiry are legal and recorded; a complete late fill ends the order FILLED.
  EXPIRED: { FILL_PARTIAL: 'EXPIRED', FILL_FULL: 'FILLED', CANCEL_REJECT: 'EXPIRED' },
});

export type TransitionResult = { ok: true; next: OrderState } | { ok: false; error: string };

export function transition(state: OrderState, event: OrderEvent): TransitionResult {
  const next = ORDER_TRANSITIONS[state][event];
  if (next === undefined) return { ok: false, error: `INVALID_TRANSITION: state=${state}, event=${event}` };
  return { ok: true, next };
}

/** States in which the venue may still fill the order. */
export function isWorking(state: OrderState): boolean {
  return state === 'SUBMITTED' || state === 'ACCEPTED' || state === 'PARTIALLY_FILLED' || state === 'PENDING_CANCEL';
}

export function isTerminal(state: OrderState): boolean {
  return state === 'DENIED' || state === 'REJECTED' || state === 'FILLED' || state === 'CANCELED' || state === 'EXPIRED';
}
