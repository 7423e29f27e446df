import type { JsonObject } from '../json';

/**
 * What the pipeline emits at every step. The audit store wraps it into the hashed envelope
 * `{ v, log, seq, ts, type, session_id, actor, payload, prev_hash }`; the pipeline never sees seq or hashes.
 */
export interface PipelineEvent {
  /** Dotted, stable names, e.g. `market.quote`, `risk.decision`, `oms.transition`, `broker.fill`. */
  type: string;
  /** Injected-clock time, RFC 3339 UTC with milliseconds (`2026-12-16T01:45:00.000Z`). */
  ts: string;
  /** Who caused it: `strategy:<id>`, `risk`, `oms`, `broker`, `operator:<name>`, `system`. */
  actor: string;
  /** Canonical-JSON-safe: integers below 2^53, decimals as strings. */
  payload: JsonObject;
}

/**
 * Where events go. One call = one pipeline step = one transaction in the audit store.
 * The pipeline must not know which sink it has (memory for tests, SQLite for sessions).
 */
export interface EventSink {
  appendStep(sessionId: string, events: readonly PipelineEvent[]): void;
}

/** Collects events in memory; the sink for scenario runs and unit tests. */
export class MemorySink implements EventSink {
  readonly steps: { sessionId: string; events: PipelineEvent[] }[] = [];
  appendStep(sessionId: string, events: readonly PipelineEvent[]): void {
    if (events.length > 0) this.steps.push({ sessionId, events: [...events] });
  }
  get events(): PipelineEvent[] {
    return this.steps.flatMap((s) => s.events);
  }
}

export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
