import { parsePipelineEvent, pipelineEvent, readPipelinePayload } from '../../../src-shared/events/catalog';
import type { EventSink, PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { isoMillis } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import type { MarketEvent } from '../../../src-shared/market/quote';
import type { PaperOrderIntent } from '../../../src-shared/orders/intent';
import type { TradingCore } from '../../pipeline/trading-core';

/**
 * Rebuilds the intent the runner logged (`intent.created` payload, read with the event catalog) so it can be
 * submitted once released; one that is not the catalog's shape is refused rather than submitted as guessed.
 */
export function intentFromPayload(payload: JsonObject, sessionId: string, nowMs: number): PaperOrderIntent {
  const p = readPipelinePayload('intent.created', payload);
  if (p === null) {
    const r = parsePipelineEvent('intent.created', payload);
    throw new Error(`INTENT_INVALID: ${r.ok ? 'intent.created' : r.problem}; a released intent must be the one the runner logged`);
  }
  const source: PaperOrderIntent['source'] =
    p.source.kind === 'operator'
      ? { kind: 'operator', operator: p.source.operator, actionId: p.source.action_id }
      : { kind: 'strategy', strategyId: p.source.strategy_id, signalId: p.source.signal_id };
  return {
    intentId: p.intent_id,
    idempotencyKey: p.idempotency_key,
    sessionId,
    source,
    contract: p.contract,
    side: p.side,
    quantity: p.quantity,
    orderType: p.order_type,
    ...(p.limit_price !== undefined ? { limitPrice: p.limit_price } : {}),
    timeInForce: p.time_in_force,
    reduceOnly: p.reduce_only,
    createdTs: nowMs,
  };
}

/**
 * The human approval queue between the runner and the core. The runner logs `approval.requested` and
 * submits nothing; this gate queues each such intent for review (after its step is durable), and feeds
 * released intents to the core at the start of the next step, so they take the same risk -> OMS path.
 */
export class ApprovalGate {
  private readonly created = new Map<string, JsonObject>();
  private readonly released: JsonObject[] = [];

  constructor(
    private readonly sessionId: string,
    private readonly requestApproval: (intent: JsonObject) => void,
  ) {}

  /** Released intents waiting for the next step. */
  enqueueReleased(intents: readonly JsonObject[]): void {
    this.released.push(...intents);
  }

  wrapSink(next: EventSink): EventSink {
    return {
      appendStep: (sessionId, events) => {
        next.appendStep(sessionId, events);
        for (const e of events) {
          if (e.type === 'intent.created') this.created.set(String(e.payload.intent_id), e.payload);
          else if (e.type === 'approval.requested') {
            const id = String(e.payload.intent_id);
            const intent = this.created.get(id);
            this.created.delete(id);
            if (intent) this.requestApproval(intent);
          }
        }
      },
    };
  }

  wrapCore(core: TradingCore): TradingCore {
    return withReleasedIntents(core, this.sessionId, () => this.released.shift() ?? null);
  }
}

/**
 * Feeds released intents to the core at the start of a step, before the market event or timer of that
 * step, each as `approval.released` followed by its submit through risk and the OMS. `next` is asked
 * again after each release with how many events this step has produced so far, so a replay can match
 * each release to the seq it was recorded at.
 */
export function withReleasedIntents(
  core: TradingCore,
  sessionId: string,
  next: (nowMs: number, emittedInStep: number) => JsonObject | null,
): TradingCore {
  const drain = (nowMs: number): PipelineEvent[] => {
    const out: PipelineEvent[] = [];
    for (let p = next(nowMs, 0); p !== null; p = next(nowMs, out.length)) {
      out.push(
        pipelineEvent('approval.released', isoMillis(nowMs), 'system', {
          intent_id: String(p.intent_id),
          idempotency_key: String(p.idempotency_key),
        }),
      );
      out.push(...core.submit(intentFromPayload(p, sessionId, nowMs), nowMs));
    }
    return out;
  };
  return {
    onMarket: (event: MarketEvent, nowMs: number) => {
      const first = drain(nowMs);
      return first.length === 0 ? core.onMarket(event, nowMs) : [...first, ...core.onMarket(event, nowMs)];
    },
    onTime: (nowMs) => {
      const first = drain(nowMs);
      return first.length === 0 ? core.onTime(nowMs) : [...first, ...core.onTime(nowMs)];
    },
    submit: (intent, nowMs) => core.submit(intent, nowMs),
    cancel: (orderId, by, nowMs) => core.cancel(orderId, by, nowMs),
    halt: (operator, reason, nowMs) => core.halt(operator, reason, nowMs),
    resume: (operator, reason, nowMs) => core.resume(operator, reason, nowMs),
    endSession: (nowMs) => core.endSession(nowMs),
    snapshot: () => core.snapshot(),
  };
}
