import { isOperatorRequest } from '../../../src-shared/governance/governance-event-types';
import { isGovernanceEventType } from '../../../src-shared/events/governance-catalog';
import type { JsonObject } from '../../../src-shared/json';
import { parsePipelineEvent, readPipelinePayload, type PipelineRecord } from '../../../src-shared/events/catalog';
import type { OperatorAction } from '../../pipeline/operator/operator-action';
import { leafHash, MerkleFrontier } from '../../store/merkle';
import type { RecordedEvent, RecordedLog } from './recorded-log';

/** A point where the runner's operator inbox handed something over: a refused file or an applied action. */
export type RecordedOperatorItem =
  | { kind: 'refused'; seq: number; ts: string; file: string; reason: string }
  | { kind: 'action'; seq: number; ts: string; action: OperatorAction };

/** An approved intent's release point: the seq and data time of its `approval.released` event. */
export interface RecordedRelease {
  seq: number;
  ts: string;
  intent: JsonObject;
}

/** What a replay takes from the record as input; everything else in the log is output it must reproduce. */
export interface RecordedInputs {
  size: number;
  /** Hex Merkle root of the stored bytes, computed here with the store's own leaf hash. */
  root: string;
  started: JsonObject | null;
  completed: JsonObject | null;
  /** Events written beside the runner (approvals, governance operator records, reconciliation, incidents), by seq. */
  governance: Map<number, RecordedEvent>;
  operator: RecordedOperatorItem[];
  /** Where approved intents were handed to the core (`approval.released`), with the intent as the runner logged it. */
  releases: RecordedRelease[];
  /** The latest data time the runner wrote; a session stopped early replays up to it. */
  lastRunnerTs: string | null;
}

/** Written by governance, not the runner: the governance catalog's types, and operator requests under their old name too. */
export function isGovernanceEvent(e: { type: string; payload: JsonObject }): boolean {
  return isGovernanceEventType(e.type) || isOperatorRequest(e);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

type Order = Extract<OperatorAction, { kind: 'order' }>['order'];

function orderFromGovernance(p: JsonObject): Order | null {
  const o = p.order as JsonObject | undefined;
  if (!o || typeof o !== 'object') return null;
  return {
    contract: str(o.contract),
    side: o.side === 'SELL' ? 'SELL' : 'BUY',
    quantity: Number(o.quantity),
    ...(typeof o.orderType === 'string' ? { order_type: o.orderType as 'MARKET' | 'LIMIT' } : {}),
    ...(typeof o.limitPrice === 'number' ? { limit_price: o.limitPrice } : {}),
    ...(typeof o.timeInForce === 'string' ? { time_in_force: o.timeInForce as 'ROD' | 'IOC' | 'FOK' } : {}),
    ...(typeof o.reduceOnly === 'boolean' ? { reduce_only: o.reduceOnly } : {}),
  };
}

function orderFromIntent(p: PipelineRecord<'intent.created'>): Order {
  return {
    contract: p.contract,
    side: p.side,
    quantity: p.quantity,
    order_type: p.order_type,
    ...(p.limit_price !== undefined ? { limit_price: p.limit_price } : {}),
    time_in_force: p.time_in_force,
    reduce_only: p.reduce_only,
  };
}

/** A runner input read with its catalog schema; one that is not the runner's shape stops the replay instead of being guessed at. */
function input<T extends 'operator.action' | 'operator.action_refused' | 'approval.released' | 'intent.created'>(
  type: T,
  e: RecordedEvent,
): PipelineRecord<T> {
  const p = readPipelinePayload(type, e.payload);
  if (p === null) {
    const r = parsePipelineEvent(type, e.payload);
    throw new Error(`REPLAY_INPUT_INVALID: seq=${e.seq}; ${r.ok ? type : r.problem}`);
  }
  return p;
}

/**
 * One pass over the recorded log. A manual order's details come from the governance record of the
 * action (same action id) or else from the intent the runner built for it; an order action whose
 * intent was skipped and that has no governance record cannot be rebuilt and is reported.
 */
export function scanRecordedInputs(log: RecordedLog): RecordedInputs {
  const frontier = MerkleFrontier.empty();
  const governance = new Map<number, RecordedEvent>();
  const operator: RecordedOperatorItem[] = [];
  const govOrders = new Map<string, Order>();
  const intentOrders = new Map<string, Order>();
  const intents = new Map<string, JsonObject>();
  const releases: RecordedRelease[] = [];
  const pendingOrders: { item: RecordedOperatorItem & { kind: 'action' } }[] = [];
  let started: JsonObject | null = null;
  let completed: JsonObject | null = null;
  let lastRunnerTs: string | null = null;
  let size = 0;
  for (const e of log.events()) {
    frontier.push(leafHash(e.canonical));
    size++;
    if (isGovernanceEvent(e)) {
      governance.set(e.seq, e);
      if (isOperatorRequest(e)) {
        const o = orderFromGovernance(e.payload);
        if (o) govOrders.set(str(e.payload.actionId), o);
      }
      continue;
    }
    if (lastRunnerTs === null || e.ts > lastRunnerTs) lastRunnerTs = e.ts;
    if (e.type === 'session.started' && started === null) started = e.payload;
    else if (e.type === 'session.completed') completed = e.payload;
    else if (e.type === 'operator.action_refused') {
      const p = input('operator.action_refused', e);
      operator.push({ kind: 'refused', seq: e.seq, ts: e.ts, file: p.file, reason: p.reason });
    } else if (e.type === 'operator.action') {
      const p = input('operator.action', e);
      const base = {
        v: 1 as const,
        action_id: p.action_id,
        operator: e.actor.replace(/^operator:/, ''),
        reason: p.reason,
        requested_at: p.requested_at,
      };
      if (p.kind === 'halt' || p.kind === 'resume') {
        operator.push({ kind: 'action', seq: e.seq, ts: e.ts, action: { ...base, kind: p.kind } });
      } else {
        const item = {
          kind: 'action' as const,
          seq: e.seq,
          ts: e.ts,
          action: { ...base, kind: 'order' as const, order: null as unknown as Order },
        };
        operator.push(item);
        pendingOrders.push({ item });
      }
    } else if (e.type === 'approval.released') {
      const { intent_id } = input('approval.released', e);
      const intent = intents.get(intent_id);
      if (!intent) throw new Error(`REPLAY_INPUT_MISSING: intent_id=${intent_id}, seq=${e.seq}; the released intent is not in the log`);
      releases.push({ seq: e.seq, ts: e.ts, intent });
    } else if (e.type === 'intent.created') {
      const p = input('intent.created', e);
      intents.set(p.intent_id, e.payload);
      if (p.source.kind === 'operator') intentOrders.set(p.source.action_id, orderFromIntent(p));
    }
  }
  for (const { item } of pendingOrders) {
    const id = item.action.action_id;
    const order = govOrders.get(id) ?? intentOrders.get(id);
    if (!order) throw new Error(`REPLAY_INPUT_MISSING: action_id=${id}, seq=${item.seq}; the manual order's details are not in the log`);
    if (item.action.kind === 'order') item.action.order = order;
  }
  return { size, root: frontier.root().toString('hex'), started, completed, governance, operator, releases, lastRunnerTs };
}
