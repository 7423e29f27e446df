import type { Clock } from '../../pipeline/clock/clock';
import { SimulatedClock } from '../../pipeline/clock/simulated-clock';

/**
 * Replay runs on data time as fast as it can, whatever the original's pace: a paced clock releases the
 * same data times, only later. A session that was stopped early stops where its record ends: the first
 * step that would move time past `stopAtMs` finds the clock stopped, as the original found it.
 */
export class ReplayClock implements Clock {
  private readonly inner = new SimulatedClock();
  private halted = false;

  constructor(private readonly stopAtMs: number | null) {}

  now(): number {
    return this.inner.now();
  }

  advanceTo(t: number): void {
    if (this.stopAtMs !== null && t > this.stopAtMs) {
      this.halted = true;
      return;
    }
    this.inner.advanceTo(t);
  }

  get stopped(): boolean {
    return this.halted;
  }
}
