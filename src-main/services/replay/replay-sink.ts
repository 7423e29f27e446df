import { AUDIT_ENVELOPE_VERSION, GENESIS_PREV_HASH } from '../../../src-shared/audit/audit-envelope';
import type { EventSink, PipelineEvent } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import { canonicalEventText, eventHashOf } from '../../store/event-bytes';
import { MerkleFrontier } from '../../store/merkle';
import type { RecordedEvent } from './recorded-log';

export interface Divergence {
  seq: number;
  /** The stored canonical text, or null when the original ends before this seq. */
  original: string | null;
  /** The rebuilt canonical text, or null when the replay ends before this seq. */
  replayed: string | null;
}

/**
 * Rebuilds the session log's canonical bytes with the store's own envelope code (no database), folds
 * them into a Merkle frontier, and compares each event with the original as it goes: memory stays flat
 * and the first differing seq is kept. Recorded governance events are inputs, re-inserted at their seq.
 */
export class ReplaySink implements EventSink {
  private readonly frontier = MerkleFrontier.empty();
  private prev = GENESIS_PREV_HASH;
  private n = 0;
  private originalSize = 0;
  private originalDone = false;
  divergence: Divergence | null = null;

  constructor(
    private readonly log: string,
    private readonly sessionId: string,
    private readonly governance: ReadonlyMap<number, RecordedEvent>,
    private readonly original: Iterator<RecordedEvent>,
  ) {}

  /** The seq the runner's next step will start at: after any governance events recorded at the current position. */
  nextRunnerSeq(): number {
    let s = this.n;
    while (this.governance.has(s)) s++;
    return s;
  }

  get size(): number {
    return this.n;
  }

  appendStep(_sessionId: string, events: readonly PipelineEvent[]): void {
    if (events.length === 0) return;
    this.injectGovernance();
    for (const e of events) this.add(e.ts, e.type, e.actor, e.payload);
  }

  /** After the run: trailing governance events, then the rest of the original (counted, compared as missing). */
  finish(): { size: number; root: string; originalSize: number } {
    this.injectGovernance();
    while (!this.originalDone) {
      const o = this.nextOriginal();
      if (o && !this.divergence) this.divergence = { seq: o.seq, original: o.canonical, replayed: null };
    }
    return { size: this.n, root: this.frontier.root().toString('hex'), originalSize: this.originalSize };
  }

  private injectGovernance(): void {
    for (let g = this.governance.get(this.n); g; g = this.governance.get(this.n)) {
      const env = JSON.parse(g.canonical) as { session_id: string | null };
      this.add(g.ts, g.type, g.actor, g.payload, env.session_id);
    }
  }

  private nextOriginal(): RecordedEvent | null {
    if (this.originalDone) return null;
    const r = this.original.next();
    if (r.done) {
      this.originalDone = true;
      return null;
    }
    this.originalSize++;
    return r.value;
  }

  private add(ts: string, type: string, actor: string, payload: JsonObject, sessionId: string | null = this.sessionId): void {
    const canonical = canonicalEventText({
      v: AUDIT_ENVELOPE_VERSION,
      log: this.log,
      seq: this.n,
      ts,
      type,
      session_id: sessionId,
      actor,
      payload,
      prev_hash: this.prev,
    });
    const hash = eventHashOf(canonical);
    this.frontier.push(hash);
    this.prev = hash.toString('hex');
    const o = this.nextOriginal();
    if (!this.divergence && (o === null || o.canonical !== canonical)) {
      this.divergence = { seq: this.n, original: o?.canonical ?? null, replayed: canonical };
    }
    this.n++;
  }
}
