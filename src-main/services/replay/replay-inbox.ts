import { isoMillis } from '../../../src-shared/events/pipeline-event';
import type { Clock } from '../../pipeline/clock/clock';
import type { OperatorAction, OperatorInbox, OperatorPoll } from '../../pipeline/operator/operator-action';
import type { RecordedOperatorItem } from './recorded-inputs';

/**
 * Hands recorded operator items back to the runner at exactly the poll where they were first seen: the
 * item's step must start at the recorded seq and the clock must read the recorded time. The runner
 * applies a poll's items one after another, so the lists are lazy: item k+1 is matched only after item
 * k's step reached the sink, against the seq that step left. An item never matched means the replay
 * diverged earlier; the root comparison reports it.
 */
export class RecordedOperatorInbox implements OperatorInbox {
  private i = 0;

  constructor(
    private readonly items: readonly RecordedOperatorItem[],
    private readonly clock: Clock,
    private readonly nextSeq: () => number,
  ) {}

  get unmatched(): number {
    return this.items.length - this.i;
  }

  private due(kind: RecordedOperatorItem['kind']): RecordedOperatorItem | null {
    const item = this.items[this.i];
    if (!item || item.kind !== kind || item.ts !== isoMillis(this.clock.now()) || item.seq !== this.nextSeq()) return null;
    this.i++;
    return item;
  }

  poll(): OperatorPoll {
    if (this.i >= this.items.length) return { actions: [], rejected: [] };
    const due = (kind: RecordedOperatorItem['kind']) => this.due(kind);
    const rejected = function* () {
      for (let r = due('refused'); r?.kind === 'refused'; r = due('refused')) yield { file: r.file, reason: r.reason };
    };
    const actions = function* () {
      for (let a = due('action'); a?.kind === 'action'; a = due('action')) yield a.action;
    };
    // The runner only iterates these (for..of); lazy iteration is what lets each match see the previous step's seq.
    return { rejected: rejected() as unknown as OperatorPoll['rejected'], actions: actions() as unknown as OperatorAction[] };
  }

  done(): void {}
}

/** For what-if runs, whose event positions differ from the record: each item is due at the first poll at or after its time. */
export class TimedOperatorInbox implements OperatorInbox {
  private i = 0;

  constructor(
    private readonly items: readonly RecordedOperatorItem[],
    private readonly clock: Clock,
  ) {}

  poll(): OperatorPoll {
    const now = isoMillis(this.clock.now());
    const actions: OperatorAction[] = [];
    while (this.i < this.items.length && this.items[this.i]!.ts <= now) {
      const item = this.items[this.i++]!;
      if (item.kind === 'action') actions.push(item.action);
    }
    return { actions, rejected: [] };
  }

  done(): void {}
}
