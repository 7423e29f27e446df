/**
 * The last N doubled mids of one contract, in a fixed ring: memory stays constant however long the
 * session runs. Keeps a running integer sum for the moving mid.
 */
export class PriceWindow {
  private readonly ring: Float64Array;
  private next = 0;
  private filled = 0;
  private total = 0;

  constructor(readonly size: number) {
    this.ring = new Float64Array(size);
  }

  get full(): boolean {
    return this.filled === this.size;
  }

  get sum(): number {
    return this.total;
  }

  push(value: number): void {
    if (this.filled === this.size) this.total -= this.ring[this.next] ?? 0;
    else this.filled++;
    this.ring[this.next] = value;
    this.total += value;
    this.next = (this.next + 1) % this.size;
  }

  high(): number {
    let hi = -Infinity;
    for (let i = 0; i < this.filled; i++) hi = Math.max(hi, this.ring[i] ?? -Infinity);
    return hi;
  }

  low(): number {
    let lo = Infinity;
    for (let i = 0; i < this.filled; i++) lo = Math.min(lo, this.ring[i] ?? Infinity);
    return lo;
  }
}
