/** What the latency model schedules: an order reaching the venue, an ack that never came, a cancel arriving. */
export type Action =
  | { kind: 'arrive'; due: number; seq: number; orderId: string }
  | { kind: 'ack_timeout'; due: number; seq: number; orderId: string }
  | { kind: 'cancel'; due: number; seq: number; orderId: string; why: string };

type Scheduled = Action extends infer A ? (A extends Action ? Omit<A, 'seq'> : never) : never;

/** Latency-delayed actions in (due time, scheduling order) order: the same inputs always run in the same order. */
export class ActionQueue {
  private readonly queue: Action[] = [];
  private seq = 0;

  schedule(a: Scheduled): void {
    const action = { ...a, seq: ++this.seq } as Action;
    let i = this.queue.length;
    while (i > 0) {
      const prev = this.queue[i - 1];
      if (prev === undefined || prev.due <= action.due) break;
      i--;
    }
    this.queue.splice(i, 0, action);
  }

  /** The next action due at or before `nowMs`, removed from the queue; undefined when none is. */
  takeDue(nowMs: number): Action | undefined {
    const first = this.queue[0];
    if (first === undefined || first.due > nowMs) return undefined;
    return this.queue.shift();
  }
}
