import { deterministicExp } from './deterministic-math.js';

/** A seeded source of random numbers whose sequence is identical on every machine. */
export interface Random {
  /** Uniform in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** Standard normal (Irwin-Hall approximation: arithmetic only, so it is reproducible). */
  normal(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  bernoulli(p: number): boolean;
  /** Poisson draw (Knuth), for small means. */
  poisson(mean: number): number;
  /** Index drawn with the given (not necessarily normalised) weights. */
  pickIndex(weights: readonly number[]): number;
}

const TWO_TO_32 = 4294967296;

/**
 * sfc32 seeded through splitmix32: integer operations only, so the same seed gives the same
 * sequence on every platform and Node version (Math.random and transcendental functions give
 * no such promise).
 */
export function createRandom(seed: number): Random {
  const seeder = createSplitMix32(seed >>> 0);
  let a = seeder();
  let b = seeder();
  let c = seeder();
  let d = seeder();

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i += 1) nextUint32();

  const next = (): number => nextUint32() / TWO_TO_32;

  return {
    next,
    normal() {
      let sum = 0;
      for (let i = 0; i < 12; i += 1) sum += next();
      return sum - 6;
    },
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    bernoulli(p) {
      return next() < p;
    },
    poisson(mean) {
      const limit = deterministicExp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count += 1;
        product *= next();
      }
      return count;
    },
    pickIndex(weights) {
      let total = 0;
      for (const weight of weights) total += weight;
      let threshold = next() * total;
      for (let i = 0; i < weights.length - 1; i += 1) {
        threshold -= weights[i];
        if (threshold < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

function createSplitMix32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
