import { createSeededRandom } from '@modelship/core';
import type { NumericReference } from './reference-stats.js';

/** Index of the first edge >= value (so bins are right-closed), edges.length when none. */
export function findBin(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (edges[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the ascending values are <= value. */
export function countAtMost(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function pickQuantiles(sorted: Float64Array, count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i <= count; i++) {
    const value = sorted[Math.floor((i / count) * (sorted.length - 1))];
    if (values.at(-1) !== value) values.push(value);
  }
  return values;
}

/**
 * Mean and spread by Welford's method, plus a uniform reservoir sample for quantiles: memory is
 * bounded by `sampleSize` whatever the row count; below it, quantiles are exact.
 */
export class NumericProfile {
  private count = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private missing = 0;
  private readonly sample: Float64Array;
  private readonly random: () => number;

  constructor(
    private readonly name: string,
    sampleSize: number,
    seed: number,
  ) {
    this.sample = new Float64Array(sampleSize);
    this.random = createSeededRandom(seed);
  }

  addMissing(): void {
    this.missing += 1;
  }

  add(value: number): void {
    this.count += 1;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (this.count <= this.sample.length) this.sample[this.count - 1] = value;
    else {
      const slot = Math.floor(this.random() * this.count);
      if (slot < this.sample.length) this.sample[slot] = value;
    }
  }

  build(bins: number, quantileCount: number): NumericReference {
    const sorted = this.sample.slice(0, Math.min(this.count, this.sample.length)).sort();
    const edges = sorted.length === 0 ? [] : pickQuantiles(sorted, bins).slice(1, -1);
    const counts = new Array<number>(edges.length + 1).fill(0);
    for (const value of sorted) counts[findBin(edges, value)] += 1;
    const quantiles = sorted.length === 0 ? [] : pickQuantiles(sorted, quantileCount);
    const cdf = quantiles.map((quantile) => countAtMost(sorted, quantile) / sorted.length);
    return {
      name: this.name,
      kind: 'numeric',
      count: this.count,
      missing: this.missing,
      mean: this.count === 0 ? 0 : this.mean,
      std: this.count < 2 ? 0 : Math.sqrt(this.m2 / (this.count - 1)),
      min: this.count === 0 ? 0 : this.min,
      max: this.count === 0 ? 0 : this.max,
      edges,
      proportions: counts.map((count) => (sorted.length === 0 ? 0 : count / sorted.length)),
      quantiles,
      cdf,
    };
  }
}
