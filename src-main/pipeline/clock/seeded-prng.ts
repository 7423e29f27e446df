import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** The session's only source of randomness: seeded from the run spec, so a rerun draws the same numbers. */
export interface Prng {
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
}

export function createPrng(seed: number): Prng {
  const rng = xoroshiro128plus(seed);
  return { int: (from, to) => uniformInt(rng, from, to) };
}
