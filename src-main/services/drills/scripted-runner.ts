import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import type { SessionRunner } from '../sessions/session-runner-port';

export interface ScriptedRun {
  /** Pipeline steps, each appended through the real sink as one transaction. */
  steps: readonly (readonly PipelineEvent[])[];
  /** Never settle after the steps: the process "dies" with the session still running. */
  hang?: boolean;
}

/**
 * A deterministic stand-in for the pipeline's runner, used by drills and tests: it writes the
 * given steps through the real sink and reports completion (or hangs, to simulate a crash).
 */
export function scriptedRunner(run: ScriptedRun): SessionRunner {
  return async (req) => {
    for (const step of run.steps) req.sink.appendStep(req.sessionId, step);
    if (run.hang) return new Promise(() => {});
    return { status: 'completed' };
  };
}

const TS = '2026-12-16T01:00:00.000Z';

export function fillEvent(contract: string, side: 'BUY' | 'SELL', quantity: number, price: number, fillId: string): PipelineEvent {
  return { type: 'broker.fill', ts: TS, actor: 'broker', payload: { fillId, contract, side, quantity, price } };
}

export function snapshotEvent(positions: { contract: string; quantity: number }[], equityCents: number): PipelineEvent {
  return {
    type: 'portfolio.update',
    ts: TS,
    actor: 'portfolio',
    payload: { positions: positions as unknown as JsonObject[], equityCents },
  };
}

/** A small session: two fills on TX and the matching snapshot, with a dip in equity. */
export function sampleSteps(opts: { snapshotQuantity?: number } = {}): PipelineEvent[][] {
  const q = opts.snapshotQuantity ?? 2;
  return [
    [{ type: 'risk.decision', ts: TS, actor: 'risk', payload: { decision: 'ALLOW' } }, fillEvent('TX 202612', 'BUY', 1, 23000, 'F-1')],
    [snapshotEvent([{ contract: 'TX 202612', quantity: 1 }], 100_000_000)],
    [{ type: 'risk.decision', ts: TS, actor: 'risk', payload: { decision: 'ALLOW' } }, fillEvent('TX 202612', 'BUY', 1, 23010, 'F-2')],
    [snapshotEvent([{ contract: 'TX 202612', quantity: q }], 99_000_000)],
  ];
}
