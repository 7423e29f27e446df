import { sessionLogId } from '../../src-shared/audit/audit-envelope';
import type { EventSink, PipelineEvent } from '../../src-shared/events/pipeline-event';
import type { AuditStore } from './audit-log';

export interface SqliteSinkOptions {
  /** Sign a checkpoint once this many events were appended since the last one (0 = never by count). */
  everyEvents?: number;
  /** Sign a checkpoint once this much injected time passed since the last one (0 = never by time). */
  everyMs?: number;
}

export const DEFAULT_SINK_OPTIONS: Required<SqliteSinkOptions> = { everyEvents: 1000, everyMs: 5000 };

/**
 * The pipeline's sink for real sessions: one step = one transaction in `session/<id>`, with a
 * signed checkpoint every N events or T ms of injected time. The append has committed (and, with
 * synchronous=FULL, is durable) before any checkpoint over it is signed.
 */
export function createSqliteSink(store: AuditStore, opts: SqliteSinkOptions = {}): EventSink {
  const everyEvents = opts.everyEvents ?? DEFAULT_SINK_OPTIONS.everyEvents;
  const everyMs = opts.everyMs ?? DEFAULT_SINK_OPTIONS.everyMs;
  const since = new Map<string, { events: number; at: number }>();
  return {
    appendStep(sessionId: string, events: readonly PipelineEvent[]): void {
      if (events.length === 0) return;
      const log = sessionLogId(sessionId);
      store.append(log, sessionId, events);
      const now = store.clock();
      const mark = since.get(log) ?? { events: 0, at: now };
      mark.events += events.length;
      since.set(log, mark);
      const byCount = everyEvents > 0 && mark.events >= everyEvents;
      const byTime = everyMs > 0 && now - mark.at >= everyMs;
      if (byCount || byTime) {
        store.checkpoint(log);
        since.set(log, { events: 0, at: now });
      }
    },
  };
}
