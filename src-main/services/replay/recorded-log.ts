import type { JsonObject } from '../../../src-shared/json';

/** One stored event: its exact canonical text (the bytes that were hashed) and the fields replay reads. */
export interface RecordedEvent {
  seq: number;
  canonical: string;
  ts: string;
  type: string;
  actor: string;
  payload: JsonObject;
}

/** A session log as recorded, readable more than once, oldest first; from the audit store or a verified bundle. */
export interface RecordedLog {
  log: string;
  sessionId: string;
  events(): Iterable<RecordedEvent>;
}

export function parseRecorded(seq: number, canonical: string): RecordedEvent {
  const e = JSON.parse(canonical) as { ts: string; type: string; actor: string; payload: JsonObject };
  return { seq, canonical, ts: e.ts, type: e.type, actor: e.actor, payload: e.payload };
}
