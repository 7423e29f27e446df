import type { PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import type { AuditStore } from '../../store/audit-log';

/** The logged events of one log, parsed from the canonical text the store hashed (never from typed columns). */
export function readLog(store: AuditStore, log: string): PipelineEvent[] {
  const out: PipelineEvent[] = [];
  for (const r of store.readEvents(log)) {
    const e = JSON.parse(r.canonical) as { type: string; ts: string; actor: string; payload: JsonObject };
    out.push({ type: e.type, ts: e.ts, actor: e.actor, payload: e.payload });
  }
  return out;
}
