import type { Clock } from './clock';

/** Backtest time: jumps straight to each event's time, as fast as the pipeline can go. */
export class SimulatedClock implements Clock {
  private t: number;
  private halted = false;

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  advanceTo(t: number): void {
    // Time never runs backwards, even if a source ties or jitters.
    if (t > this.t) this.t = t;
  }

  get stopped(): boolean {
    return this.halted;
  }

  stop(): void {
    this.halted = true;
  }
}
