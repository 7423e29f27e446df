import type { ContractRef } from '../../../src-shared/market/quote';
import type { OrderType, PaperOrderIntent, Side, TimeInForce } from '../../../src-shared/orders/intent';
import type { StrategySignal } from '../../../src-shared/strategy/signal';
import { operatorIdempotencyKey, strategyIdempotencyKey } from './idempotency-key';

/** The run spec's platform defaults, applied where a signal states no preference. */
export interface IntentDefaults {
  orderType: OrderType;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
}

/** Either an intent, or why none was built (a stable `CODE: key=value` reason for the audit trail). */
export type IntentResult = { ok: true; intent: PaperOrderIntent } | { ok: false; reason: string };

interface Order {
  side: Side;
  quantity: number;
  orderType: OrderType;
  limitPrice: number | undefined;
  timeInForce: TimeInForce;
  reduceOnly: boolean;
}

function order(
  side: Side,
  quantity: number,
  prefs: { orderType?: OrderType; limitPrice?: number; timeInForce?: TimeInForce; reduceOnly?: boolean },
  defaults: IntentDefaults,
  ref: string,
): Order | string {
  const orderType = prefs.orderType ?? defaults.orderType;
  if (orderType === 'LIMIT' && prefs.limitPrice === undefined) return `LIMIT_PRICE_MISSING: ${ref}`;
  return {
    side,
    quantity,
    orderType,
    limitPrice: orderType === 'LIMIT' ? prefs.limitPrice : undefined,
    timeInForce: prefs.timeInForce ?? defaults.timeInForce,
    reduceOnly: prefs.reduceOnly ?? defaults.reduceOnly,
  };
}

function intentIdFor(key: string): string {
  return `int-${key.slice(0, 16)}`;
}

function assemble(base: Omit<PaperOrderIntent, 'limitPrice' | keyof Order>, o: Order): PaperOrderIntent {
  return {
    ...base,
    side: o.side,
    quantity: o.quantity,
    orderType: o.orderType,
    ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
    timeInForce: o.timeInForce,
    reduceOnly: o.reduceOnly,
  };
}

/**
 * Signal -> intent. A `target` signal becomes the delta from the strategy's current net position
 * (no intent when already there); `buy`/`sell` ask for their quantity as is.
 */
export function buildStrategyIntent(
  signal: StrategySignal,
  ctx: { sessionId: string; position: number; defaults: IntentDefaults; nowMs: number },
): IntentResult {
  const ref = `signal_id=${signal.signalId}`;
  let side: Side;
  let quantity: number;
  if (signal.direction === 'target') {
    const delta = signal.quantity - ctx.position;
    if (delta === 0) return { ok: false, reason: `TARGET_ALREADY_HELD: ${ref}, target=${signal.quantity}, position=${ctx.position}` };
    side = delta > 0 ? 'BUY' : 'SELL';
    quantity = Math.abs(delta);
  } else {
    if (!Number.isSafeInteger(signal.quantity) || signal.quantity < 1)
      return { ok: false, reason: `QUANTITY_INVALID: ${ref}, quantity=${signal.quantity}` };
    side = signal.direction === 'buy' ? 'BUY' : 'SELL';
    quantity = signal.quantity;
  }
  const o = order(side, quantity, signal, ctx.defaults, ref);
  if (typeof o === 'string') return { ok: false, reason: o };
  const key = strategyIdempotencyKey(ctx.sessionId, signal.signalId);
  const intent = assemble(
    {
      intentId: intentIdFor(key),
      idempotencyKey: key,
      sessionId: ctx.sessionId,
      source: { kind: 'strategy', strategyId: signal.strategyId, signalId: signal.signalId },
      contract: signal.contract,
      createdTs: ctx.nowMs,
    },
    o,
  );
  return { ok: true, intent };
}

/** A manual order typed by an operator; it takes the same road as a strategy's signal. */
export interface OperatorOrder {
  actionId: string;
  operator: string;
  contract: ContractRef;
  side: Side;
  quantity: number;
  orderType?: OrderType;
  limitPrice?: number;
  timeInForce?: TimeInForce;
  reduceOnly?: boolean;
}

export function buildOperatorIntent(req: OperatorOrder, ctx: { sessionId: string; defaults: IntentDefaults; nowMs: number }): IntentResult {
  const ref = `operator_action_id=${req.actionId}`;
  if (!Number.isSafeInteger(req.quantity) || req.quantity < 1)
    return { ok: false, reason: `QUANTITY_INVALID: ${ref}, quantity=${req.quantity}` };
  const o = order(req.side, req.quantity, req, ctx.defaults, ref);
  if (typeof o === 'string') return { ok: false, reason: o };
  const key = operatorIdempotencyKey(ctx.sessionId, req.actionId);
  return {
    ok: true,
    intent: assemble(
      {
        intentId: intentIdFor(key),
        idempotencyKey: key,
        sessionId: ctx.sessionId,
        source: { kind: 'operator', operator: req.operator, actionId: req.actionId },
        contract: req.contract,
        createdTs: ctx.nowMs,
      },
      o,
    ),
  };
}
