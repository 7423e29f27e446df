import { isoMillis } from '../../../src-shared/events/pipeline-event';
import type { JsonObject } from '../../../src-shared/json';
import type { RecordedRelease } from './recorded-inputs';

/**
 * Hands each recorded approval release back at exactly the point it was logged: the step must start at
 * the recorded seq (plus what this step already emitted) and the clock must read the recorded time. A
 * release never matched means the replay diverged earlier; the root comparison reports it.
 */
export class RecordedReleases {
  private i = 0;

  constructor(
    private readonly items: readonly RecordedRelease[],
    private readonly nextSeq: () => number,
  ) {}

  get unmatched(): number {
    return this.items.length - this.i;
  }

  readonly next = (nowMs: number, emittedInStep: number): JsonObject | null => {
    const item = this.items[this.i];
    if (!item || item.ts !== isoMillis(nowMs) || item.seq !== this.nextSeq() + emittedInStep) return null;
    this.i++;
    return item.intent;
  };
}
