/**
 * The maximum (or minimum) of the last `size` values in O(1) amortised per value: a monotonic deque
 * held in fixed rings, so a long channel costs no more per quote than a short one.
 */
export class SlidingExtreme {
  private readonly values: Float64Array;
  private readonly seqs: Float64Array;
  private head = 0;
  private len = 0;
  private seq = 0;

  constructor(
    private readonly size: number,
    private readonly kind: 'max' | 'min',
  ) {
    this.values = new Float64Array(size);
    this.seqs = new Float64Array(size);
  }

  push(value: number): void {
    const n = this.size;
    // Drop from the back every value the new one dominates; they can never be the extreme again.
    while (this.len > 0) {
      const back = this.values[(this.head + this.len - 1) % n] ?? 0;
      if (this.kind === 'max' ? back <= value : back >= value) this.len--;
      else break;
    }
    // Drop from the front what slid out of the window.
    while (this.len > 0 && (this.seqs[this.head] ?? 0) <= this.seq - n) {
      this.head = (this.head + 1) % n;
      this.len--;
    }
    const at = (this.head + this.len) % n;
    this.values[at] = value;
    this.seqs[at] = this.seq;
    this.len++;
    this.seq++;
  }

  /** The extreme of the window; undefined before the first value. */
  get value(): number | undefined {
    return this.len === 0 ? undefined : this.values[this.head];
  }
}
