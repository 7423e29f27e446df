import { z } from 'zod';
import type { JsonObject } from '../json';
import { checkCatalogued, readCatalogued, type CatalogCheck } from './catalog-check';
import { ORDER_EVENTS, ORDER_STATES } from '../oms/order-state-machine';
import { BrokerFillPayload, BROKER_FILL } from './broker-fill';
import { DecimalText, PortfolioUpdatePayload, PORTFOLIO_UPDATE } from './portfolio-update';

/**
 * The catalog of every event type the pipeline writes into a session log: one strict schema per type.
 * The trading core and the runner emit through `pipelineEvent`, whose type ties each payload to its
 * schema, so nothing can be emitted that the catalog does not describe; readers (metrics, promotion,
 * reconciliation, views, report, replay) parse with the same schemas; a test parses every event of
 * every fixture session with them. docs/scenarios.md lists the types for readers of the logs.
 */

const id = z.string().min(1);
const side = z.enum(['BUY', 'SELL']);
const orderType = z.enum(['MARKET', 'LIMIT']);
const timeInForce = z.enum(['ROD', 'IOC', 'FOK']);
const tradingState = z.enum(['ACTIVE', 'REDUCING', 'HALTED']);
const verdict = z.enum(['ALLOW', 'REDUCE', 'DENY']);
/** RFC 3339 UTC with milliseconds, as `isoMillis` writes it. */
const isoTs = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'an RFC 3339 UTC time with milliseconds');
/** A stable reason: `CODE` or `CODE: key=value, ...` (src-shared/risk/check-result.ts). */
const reasonText = z.string().regex(/^[A-Z][A-Z0-9_]*(: .*)?$/s, 'a reason code, optionally followed by ": key=value, ..."');
/** Free text a person or a strategy wrote (an operator's reason, a signal's reason). */
const text = z.string();
/** Inputs a risk check recorded: whatever it read, as JSON. */
const jsonObject = z.record(z.string(), z.json());

const SignalPayload = z.strictObject({
  signal_id: id,
  strategy_id: id,
  contract: id,
  direction: z.enum(['buy', 'sell', 'target']),
  quantity: z.int(),
  strength: z.int().min(0).max(1000),
  reason: text,
  seen_quote_ts: isoTs,
  order_type: orderType.optional(),
  limit_price: z.int().optional(),
  time_in_force: timeInForce.optional(),
  reduce_only: z.boolean().optional(),
});

const IntentSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('strategy'), strategy_id: id, signal_id: id }),
  z.strictObject({ kind: z.literal('operator'), operator: id, action_id: id }),
]);

const IntentCreatedPayload = z.strictObject({
  intent_id: id,
  idempotency_key: id,
  source: IntentSource,
  contract: id,
  side,
  quantity: z.int().positive(),
  order_type: orderType,
  time_in_force: timeInForce,
  reduce_only: z.boolean(),
  limit_price: z.int().optional(),
});

const RiskCheck = z.strictObject({
  check: id,
  verdict,
  quantity: z.int().nullable(),
  reason: reasonText.nullable(),
  inputs: jsonObject,
});

const RiskDecisionPayload = z.strictObject({
  order_id: id,
  intent_id: id,
  idempotency_key: id,
  verdict,
  requested: z.int(),
  approved: z.int(),
  reason: reasonText.nullable(),
  trading_state: tradingState,
  quote: z
    .strictObject({
      bid: z.int().nullable(),
      ask: z.int().nullable(),
      bid_size: z.int(),
      ask_size: z.int(),
      receive_ts: isoTs,
      age_ms: z.int(),
    })
    .nullable(),
  position: z.int(),
  checks: z.array(RiskCheck),
});

const BookModelRecord = z.strictObject({
  source: z.literal('synthesized_from_trades'),
  updates: z.literal('at_each_print'),
  spread_ticks: z.strictObject({ regular: z.int().positive(), after_hours: z.int().positive() }),
  level_sizes: z.strictObject({
    regular: z.union([z.literal('print'), z.array(z.int().positive())]),
    after_hours: z.union([z.literal('print'), z.array(z.int().positive())]),
  }),
});

const orderReason = z.strictObject({ order_id: id, reason: reasonText });
const operatorAndReason = z.strictObject({ operator: id, reason: text });

export const PIPELINE_EVENTS = {
  'session.started': z.strictObject({
    session_id: id,
    name: text,
    lane: id,
    owner: id,
    mode: z.literal('paper'),
    run_mode: z.enum(['backtest', 'paper']),
    speed: z.number().positive(),
    seed: z.int().min(0),
    spec_hash: id,
    data_id: id,
    data_fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    contracts: z.array(id).min(1),
    strategy: z.strictObject({ kind: id, id }),
    approvals_required: z.boolean(),
    code_version: id,
    /** Present only when the data had no quotes and the book was synthesized (src-shared/market/book-model.ts). */
    book_model: BookModelRecord.optional(),
  }),
  'strategy.signal': SignalPayload,
  'intent.created': IntentCreatedPayload,
  'intent.skipped': z.strictObject({ reason: reasonText, requested_by: id }),
  'approval.requested': z.strictObject({ intent_id: id, reviews: z.array(z.enum(['research', 'risk'])).min(1) }),
  /** The action the runner applied; governance's record of the request is `operator.requested`. */
  'operator.action': z.strictObject({ action_id: id, kind: z.enum(['halt', 'resume', 'order']), reason: text, requested_at: text }),
  'operator.action_refused': z.strictObject({ file: id, reason: reasonText }),
  'operator.halt': operatorAndReason,
  'operator.resume': operatorAndReason,
  'risk.decision': RiskDecisionPayload,
  'risk.state': z.strictObject({ from: tradingState, to: tradingState, reason: reasonText }),
  'risk.breach': z.strictObject({
    code: id,
    reason: reasonText,
    check: id,
    inputs: jsonObject,
    action: z.enum(['REDUCING', 'HALTED']),
    cooldown_until: isoTs,
  }),
  'risk.resume_refused': z.strictObject({ operator: id, reason: reasonText }),
  'oms.order': z.strictObject({
    order_id: id,
    intent_id: id,
    idempotency_key: id,
    contract: id,
    side,
    quantity: z.int().min(0),
    requested_quantity: z.int().positive(),
    order_type: orderType,
    limit_price: z.int().nullable(),
    time_in_force: timeInForce,
    reduce_only: z.boolean(),
    source: z.string().regex(/^(strategy|operator):.+$/),
  }),
  'oms.transition': z.strictObject({
    order_id: id,
    from: z.enum(ORDER_STATES),
    to: z.enum(ORDER_STATES),
    event: z.enum(ORDER_EVENTS),
    reason: reasonText.nullable(),
    filled: z.int().min(0),
    quantity: z.int().min(0),
  }),
  'oms.error': z.strictObject({
    order_id: id,
    state: z.enum(ORDER_STATES).nullable(),
    /** A table event refused in `state`, or `FILL`: a reported fill for an order the OMS does not know. */
    event: z.union([z.enum(ORDER_EVENTS), z.literal('FILL')]),
    error: text,
    context: text.nullable(),
  }),
  'broker.submit': z.strictObject({
    order_id: id,
    latency_ms: z.int().min(0),
    arrives_at: isoTs.nullable(),
    fault: z.string().nullable(),
  }),
  'broker.ack': z.strictObject({ order_id: id, queue_ahead: z.int().min(0).nullable(), arrival_mid: DecimalText.nullable() }),
  'broker.reject': orderReason,
  [BROKER_FILL]: BrokerFillPayload,
  'broker.fill_duplicate': z.strictObject({ fill_id: id, order_id: id, reason: reasonText }),
  'broker.cancel_request': z.strictObject({
    order_id: id,
    reason: reasonText,
    latency_ms: z.int().min(0),
    arrives_at: isoTs,
  }),
  'broker.cancel': z.strictObject({ order_id: id, reason: reasonText, filled: z.int().min(0) }),
  'broker.cancel_reject': orderReason,
  'broker.expire': orderReason,
  [PORTFOLIO_UPDATE]: PortfolioUpdatePayload,
  'session.end': z.strictObject({ session_id: id }),
  /** The lane's envelope ceilings the session runs under (written by the session executor after session.started). */
  'session.lane_ceiling': z.strictObject({ lane: id, applied: z.array(z.string()) }),
  /** An approved intent handed to the core (the approval gate); its submit follows in the same step. */
  'approval.released': z.strictObject({ intent_id: id, idempotency_key: id }),
  /** One risk check run on its own (the stale-quote drill), outside any order. */
  'risk.check': RiskCheck,
  'session.completed': z.strictObject({ session_id: id, summary: jsonObject }),
} as const;

export type PipelineEventType = keyof typeof PIPELINE_EVENTS;
export type PipelinePayload<T extends PipelineEventType> = z.input<(typeof PIPELINE_EVENTS)[T]>;
/** A logged payload as its schema reads it. */
export type PipelineRecord<T extends PipelineEventType> = z.output<(typeof PIPELINE_EVENTS)[T]>;

export const PIPELINE_EVENT_TYPES = Object.keys(PIPELINE_EVENTS).sort() as PipelineEventType[];

export function isPipelineEventType(type: string): type is PipelineEventType {
  return Object.hasOwn(PIPELINE_EVENTS, type);
}

/** The one way the pipeline builds an event: the type names its schema, the payload must be its shape. */
export function pipelineEvent<T extends PipelineEventType>(
  type: T,
  ts: string,
  actor: string,
  payload: PipelinePayload<T>,
): { type: T; ts: string; actor: string; payload: JsonObject } {
  return { type, ts, actor, payload: payload as JsonObject };
}

/** A logged event checked against the catalog: the parsed payload, or the first problem found. */
export function parsePipelineEvent(type: string, payload: unknown): CatalogCheck {
  return checkCatalogued(PIPELINE_EVENTS, 'catalog', type, payload);
}

/** The payload of a logged event of a known type, typed by its schema; null when it is not that shape. */
export function readPipelinePayload<T extends PipelineEventType>(type: T, payload: unknown): PipelineRecord<T> | null {
  return readCatalogued(PIPELINE_EVENTS[type], payload) as PipelineRecord<T> | null;
}
