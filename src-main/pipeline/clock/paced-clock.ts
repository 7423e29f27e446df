import type { Clock } from './clock';

/** The wall clock, injected so tests can drive pacing without waiting. */
export interface WallClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The one place in the pipeline that reads real time. */
export const systemWallClock: WallClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PacedClockOptions {
  /** 1 = real time, 10 = ten data seconds per wall second. */
  speed: number;
  wall?: WallClock;
  /** Longest single sleep, so pause and stop take effect promptly. */
  sliceMs?: number;
}

/**
 * Paper time: data time released at `speed` x the wall clock. Pausing freezes session time; on resume
 * the schedule shifts by the paused span, so no events are rushed out to catch up.
 */
export class PacedClock implements Clock {
  private readonly wall: WallClock;
  private readonly speed: number;
  private readonly sliceMs: number;
  private t: number | null = null;
  private anchorData = 0;
  private anchorWall = 0;
  private pausedAt: number | null = null;
  private pausedTotal = 0;
  private halted = false;

  constructor(opts: PacedClockOptions) {
    if (!(opts.speed > 0)) throw new RangeError('speed must be positive');
    this.speed = opts.speed;
    this.wall = opts.wall ?? systemWallClock;
    this.sliceMs = opts.sliceMs ?? 50;
  }

  now(): number {
    return this.t ?? 0;
  }

  get stopped(): boolean {
    return this.halted;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  pause(): void {
    if (this.pausedAt === null) this.pausedAt = this.wall.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.pausedTotal += this.wall.now() - this.pausedAt;
    this.pausedAt = null;
  }

  stop(): void {
    this.halted = true;
  }

  /** Wall time at which data time `t` is due. */
  dueAt(t: number): number {
    return this.anchorWall + (t - this.anchorData) / this.speed + this.pausedTotal;
  }

  async advanceTo(t: number): Promise<void> {
    if (this.t === null) {
      this.anchorData = t;
      this.anchorWall = this.wall.now();
      this.t = t;
      return;
    }
    if (t <= this.t) return;
    for (;;) {
      if (this.halted) return;
      if (this.pausedAt !== null) {
        await this.wall.sleep(this.sliceMs);
        continue;
      }
      const remaining = this.dueAt(t) - this.wall.now();
      if (remaining <= 0) break;
      await this.wall.sleep(Math.min(remaining, this.sliceMs));
    }
    this.t = t;
  }
}
