import fs from 'node:fs';
import type { EventSink, PipelineEvent } from '../../../src-shared/events/pipeline-event';
import { canonicalJson } from './canonical';

/**
 * Appends each event as one canonical JSON line `{ session_id, ts, type, actor, payload }` (LF only).
 * One write per step, so a step is never split across a crash boundary halfway through a line batch.
 * Stand-in until the audit store is plugged in; it keeps nothing in memory.
 */
export class JsonlFileSink implements EventSink {
  private readonly fd: number;
  private closed = false;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a');
  }

  appendStep(sessionId: string, events: readonly PipelineEvent[]): void {
    if (events.length === 0) return;
    let text = '';
    for (const e of events)
      text += canonicalJson({ session_id: sessionId, ts: e.ts, type: e.type, actor: e.actor, payload: e.payload }) + '\n';
    fs.writeSync(this.fd, text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}
