import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { sessionLogId } from '../../../src-shared/audit/audit-envelope';
import type { JsonObject } from '../../../src-shared/json';
import { governanceEvent } from '../../../src-shared/events/governance-catalog';
import type { AppContext } from '../../../src-main/app-context';
import { openWorkstationContext } from '../../../src-main/services/workstation-context';
import type { OperatorAction, OperatorInbox } from '../../../src-main/pipeline/operator/operator-action';
import { runSpecFromObject } from '../../../src-main/pipeline/runner/run-spec';
import { clockFor, prepareSession } from '../../../src-main/pipeline/runner/session-setup';
import { runSession, type RunResult } from '../../../src-main/pipeline/runner/session-runner';
import { governanceOf } from '../../../src-main/services/sessions/governance';
import { createSession } from '../../../src-main/services/sessions/session-service';
import { createSqliteSink } from '../../../src-main/store/sqlite-sink';
import { makeTempDir } from '../../support/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');

/** fixtures/specs/demo-research.yaml with its generator spec inlined (so the registry copy is self-contained) and a short window. */
export function demoSpec(windowEnd = '2026-12-01T01:05:00.000Z'): JsonObject {
  const spec = parse(fs.readFileSync(path.join(ROOT, 'fixtures/specs/demo-research.yaml'), 'utf8')) as JsonObject;
  const gen = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures/market/generator/three-contract-day.json'), 'utf8')) as JsonObject;
  return { ...spec, data: { kind: 'generator', spec: gen }, window: { end: windowEnd } };
}

export interface ReplayApp {
  ctx: AppContext;
  dataDir: string;
  cleanup(): void;
}

export function replayApp(): ReplayApp {
  const { dir, cleanup } = makeTempDir('papertape-replay-');
  let t = Date.UTC(2026, 11, 1, 0, 0, 0);
  // A stepping wall clock for governance records: deterministic, never the machine's time.
  const ctx = openWorkstationContext({ dataDir: dir, clock: () => new Date((t += 7)) });
  return {
    ctx,
    dataDir: dir,
    cleanup: () => {
      ctx.close();
      cleanup();
    },
  };
}

/** An operator who acts at fixed polls; like the real service, the action is recorded by governance first. */
export function scriptedOperator(ctx: AppContext, sessionId: string, script: Map<number, OperatorAction>): OperatorInbox {
  let polls = 0;
  return {
    poll() {
      const a = script.get(++polls);
      if (!a) return { actions: [], rejected: polls === 7 ? [{ file: 'bad-action.json', reason: 'INVALID_ACTION: kind=sell' }] : [] };
      const gov = governanceOf(ctx);
      const order =
        a.kind === 'order'
          ? {
              contract: a.order.contract,
              side: a.order.side,
              quantity: a.order.quantity,
              orderType: a.order.order_type ?? 'MARKET',
              ...(a.order.limit_price !== undefined ? { limitPrice: a.order.limit_price } : {}),
              timeInForce: 'IOC' as const,
              reduceOnly: false,
            }
          : undefined;
      // The governance record of the request, as the operator service writes it.
      gov.record(sessionLogId(sessionId), sessionId, [
        governanceEvent('operator.requested', `operator:${a.operator}`, {
          actionId: a.action_id,
          sessionId,
          kind: a.kind,
          operator: a.operator,
          reason: a.reason,
          delivered: true,
          attribution: 'local',
          ...(order ? { order } : {}),
        }),
      ]);
      return { actions: [a], rejected: [] };
    },
    done() {},
  };
}

export function haltResumeOrder(): Map<number, OperatorAction> {
  const base = { v: 1 as const, operator: 'ana', requested_at: '2026-12-01T00:50:00.000Z' };
  return new Map<number, OperatorAction>([
    [300, { ...base, kind: 'halt', action_id: 'O-halt', reason: 'checking the feed' }],
    [600, { ...base, kind: 'resume', action_id: 'O-resume', reason: 'feed fine' }],
    [
      900,
      {
        ...base,
        kind: 'order',
        action_id: 'O-order',
        reason: 'manual hedge',
        order: { contract: 'MTX 202612', side: 'SELL', quantity: 1, order_type: 'MARKET', time_in_force: 'IOC', reduce_only: false },
      },
    ],
  ]);
}

/** Registers the spec and runs it through the real runner into the audit store, as the product does. */
export async function recordSession(
  ctx: AppContext,
  spec: JsonObject,
  script?: Map<number, OperatorAction>,
): Promise<{ sessionId: string; result: RunResult }> {
  const view = createSession(ctx, { spec, owner: 'tests' });
  const sessionId = view.id;
  const loaded = runSpecFromObject(spec, ctx.dataDir);
  const prepared = prepareSession(loaded, sessionId);
  const result = await runSession({
    sessionId,
    spec: loaded.spec,
    specHash: loaded.specHash,
    data: prepared.data,
    core: prepared.core,
    strategy: prepared.strategy,
    sink: createSqliteSink(governanceOf(ctx).store),
    clock: clockFor(loaded.spec),
    codeVersion: 'fixture-1',
    ...(script ? { operatorInbox: scriptedOperator(ctx, sessionId, script) } : {}),
  });
  governanceOf(ctx).store.checkpoint(sessionLogId(sessionId));
  return { sessionId, result };
}
