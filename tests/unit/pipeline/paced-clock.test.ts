import { describe, expect, it } from 'vitest';
import { PacedClock, type WallClock } from '../../../src-main/pipeline/clock/paced-clock';
import { SimulatedClock } from '../../../src-main/pipeline/clock/simulated-clock';
import { createPrng } from '../../../src-main/pipeline/clock/seeded-prng';

/** A wall clock that only moves when slept on, recording each sleep; hooks run at given wall times. */
function fakeWall(start = 1_000_000): WallClock & { t: number; sleeps: number[]; at: Map<number, () => void> } {
  const w = {
    t: start,
    sleeps: [] as number[],
    at: new Map<number, () => void>(),
    now: () => w.t,
    sleep: async (ms: number) => {
      w.sleeps.push(ms);
      const before = w.t;
      w.t += ms;
      for (const [when, fn] of [...w.at]) {
        if (when > before && when <= w.t) {
          w.at.delete(when);
          fn();
        }
      }
    },
  };
  return w;
}

describe('PacedClock', () => {
  it('releases data time at 1x: 10 s of data take 10 s of wall time', async () => {
    const wall = fakeWall();
    const c = new PacedClock({ speed: 1, wall, sliceMs: 1000 });
    await c.advanceTo(50_000);
    expect(c.now()).toBe(50_000);
    await c.advanceTo(60_000);
    expect(c.now()).toBe(60_000);
    expect(wall.t - 1_000_000).toBe(10_000);
  });

  it('runs 4x faster at speed 4', async () => {
    const wall = fakeWall();
    const c = new PacedClock({ speed: 4, wall, sliceMs: 500 });
    await c.advanceTo(0);
    await c.advanceTo(8_000);
    expect(wall.t - 1_000_000).toBe(2_000);
  });

  it('freezes while paused and shifts the schedule by the paused span on resume', async () => {
    const wall = fakeWall();
    const c = new PacedClock({ speed: 1, wall, sliceMs: 100 });
    await c.advanceTo(0);
    // At wall +1 s pause; at wall +4 s resume: the 2 s step then ends at wall +5 s, not +2 s.
    wall.at.set(1_001_000, () => c.pause());
    wall.at.set(1_004_000, () => c.resume());
    await c.advanceTo(2_000);
    expect(c.now()).toBe(2_000);
    expect(wall.t - 1_000_000).toBe(5_000);
    expect(c.paused).toBe(false);
    // The next second of data needs exactly one more wall second.
    await c.advanceTo(3_000);
    expect(wall.t - 1_000_000).toBe(6_000);
  });

  it('stops promptly: a pending wait returns and the clock reports stopped', async () => {
    const wall = fakeWall();
    const c = new PacedClock({ speed: 1, wall, sliceMs: 100 });
    await c.advanceTo(0);
    wall.at.set(1_000_300, () => c.stop());
    await c.advanceTo(3_600_000);
    expect(c.stopped).toBe(true);
    expect(wall.t - 1_000_000).toBe(300);
    expect(c.now()).toBe(0);
  });

  it('never moves backwards', async () => {
    const c = new PacedClock({ speed: 1, wall: fakeWall() });
    await c.advanceTo(5_000);
    await c.advanceTo(4_000);
    expect(c.now()).toBe(5_000);
  });
});

describe('SimulatedClock and PRNG', () => {
  it('jumps to data time without waiting, monotonically', () => {
    const c = new SimulatedClock();
    c.advanceTo(10);
    c.advanceTo(5);
    expect(c.now()).toBe(10);
  });

  it('draws the same integers from the same seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const xs = Array.from({ length: 5 }, () => a.int(0, 1000));
    expect(Array.from({ length: 5 }, () => b.int(0, 1000))).toEqual(xs);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= 1000)).toBe(true);
    const c = createPrng(43);
    expect(Array.from({ length: 5 }, () => c.int(0, 1000))).not.toEqual(xs);
  });
});
