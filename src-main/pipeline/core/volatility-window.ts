/**
 * Min and max of doubled mids over a sliding time window (inclusive: a point exactly `windowMs` old
 * still counts), in amortised O(1) per quote with monotonic deques. The deques are parallel number
 * arrays with a moving head, so a quote allocates nothing; the consumed front is dropped in bulk.
 */
export class VolatilityWindow {
  private readonly mins = new Deque();
  private readonly maxs = new Deque();

  constructor(private readonly windowMs: number) {}

  push(ts: number, v: number): void {
    const mins = this.mins;
    while (mins.size() > 0 && mins.backValue() >= v) mins.popBack();
    mins.pushBack(ts, v);
    const maxs = this.maxs;
    while (maxs.size() > 0 && maxs.backValue() <= v) maxs.popBack();
    maxs.pushBack(ts, v);
    mins.dropOlderThan(ts, this.windowMs);
    maxs.dropOlderThan(ts, this.windowMs);
  }

  /** The reference farthest from `current` inside the window (the worst move), or null if empty. */
  farthestFrom(current: number): number | null {
    if (this.mins.size() === 0 || this.maxs.size() === 0) return null;
    const lo = this.mins.frontValue();
    const hi = this.maxs.frontValue();
    return current - lo >= hi - current ? lo : hi;
  }
}

/** (ts, value) pairs; front at `head`, back at the end. */
class Deque {
  private ts: number[] = [];
  private vs: number[] = [];
  private head = 0;

  size(): number {
    return this.vs.length - this.head;
  }

  backValue(): number {
    return this.vs[this.vs.length - 1] as number;
  }

  frontValue(): number {
    return this.vs[this.head] as number;
  }

  popBack(): void {
    this.ts.pop();
    this.vs.pop();
  }

  pushBack(ts: number, v: number): void {
    this.ts.push(ts);
    this.vs.push(v);
  }

  dropOlderThan(now: number, windowMs: number): void {
    while (this.head < this.vs.length && now - (this.ts[this.head] as number) > windowMs) this.head++;
    if (this.head === this.vs.length) {
      this.ts.length = 0;
      this.vs.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.vs.length) {
      this.ts = this.ts.slice(this.head);
      this.vs = this.vs.slice(this.head);
      this.head = 0;
    }
  }
}
