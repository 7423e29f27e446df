/**
 * Min and max of doubled mids over a sliding time window (inclusive: a point exactly `windowMs` old
 * still counts), in amortised O(1) per quote with monotonic deques.
 */
export class VolatilityWindow {
  private readonly mins: { ts: number; v: number }[] = [];
  private readonly maxs: { ts: number; v: number }[] = [];

  constructor(private readonly windowMs: number) {}

  push(ts: number, v: number): void {
    while (this.mins.length > 0 && (this.mins[this.mins.length - 1]?.v ?? 0) >= v) this.mins.pop();
    this.mins.push({ ts, v });
    while (this.maxs.length > 0 && (this.maxs[this.maxs.length - 1]?.v ?? 0) <= v) this.maxs.pop();
    this.maxs.push({ ts, v });
    this.prune(ts);
  }

  private prune(now: number): void {
    while (this.mins.length > 0 && now - (this.mins[0]?.ts ?? now) > this.windowMs) this.mins.shift();
    while (this.maxs.length > 0 && now - (this.maxs[0]?.ts ?? now) > this.windowMs) this.maxs.shift();
  }

  /** The reference farthest from `current` inside the window (the worst move), or null if empty. */
  farthestFrom(current: number): number | null {
    const lo = this.mins[0]?.v;
    const hi = this.maxs[0]?.v;
    if (lo === undefined || hi === undefined) return null;
    return current - lo >= hi - current ? lo : hi;
  }
}
