import { findBin } from './_numeric-profile.js';
import type { ValueReader } from './_read-value.js';
import { createValueReader, readCategory, readNumber } from './_read-value.js';
import type { ReferenceStats } from './reference-stats.js';

export interface CurrentNumeric {
  name: string;
  kind: 'numeric';
  count: number;
  missing: number;
  sum: number;
  /** Values in each of the reference's PSI bins. */
  bins: number[];
  /** Values in each cell of the reference quantile grid ((q[j-1], q[j]], then above the last). */
  grid: number[];
}

export interface CurrentCategorical {
  name: string;
  kind: 'categorical';
  count: number;
  missing: number;
  /** Values of each reference category, in the reference's order. */
  counts: number[];
  other: number;
}

export type CurrentFeature = CurrentNumeric | CurrentCategorical;

/** Counts of current data on the reference's bins: all `computeDrift` needs, and mergeable. */
export interface CurrentStats {
  rows: number;
  features: CurrentFeature[];
}

function createEmpty(reference: ReferenceStats): CurrentStats {
  return {
    rows: 0,
    features: reference.features.map((feature) =>
      feature.kind === 'numeric'
        ? {
            name: feature.name,
            kind: 'numeric',
            count: 0,
            missing: 0,
            sum: 0,
            bins: new Array<number>(feature.edges.length + 1).fill(0),
            grid: new Array<number>(feature.quantiles.length + 1).fill(0),
          }
        : {
            name: feature.name,
            kind: 'categorical',
            count: 0,
            missing: 0,
            counts: new Array<number>(feature.categories.length).fill(0),
            other: 0,
          },
    ),
  };
}

/**
 * Counts live rows on a reference's bins, in constant memory, for drift over a window of
 * requests: `add` raw rows (JSON values or CSV texts), then `computeDrift(reference, acc)`.
 * For a sliding window keep one accumulator per slice and `merge` the recent ones.
 */
export class DriftAccumulator {
  private stats: CurrentStats;
  private readonly reader: ValueReader;
  private readonly lookups: (Map<string, number> | undefined)[];

  constructor(readonly reference: ReferenceStats) {
    this.stats = createEmpty(reference);
    this.reader = createValueReader(reference.missingValues, reference.booleanValues);
    this.lookups = reference.features.map((feature) =>
      feature.kind === 'categorical'
        ? new Map(feature.categories.map((value, index) => [value, index]))
        : undefined,
    );
  }

  get rows(): number {
    return this.stats.rows;
  }

  /** Adds one row of raw feature values by name; unknown keys are ignored. */
  add(row: Readonly<Record<string, unknown>>): void {
    this.stats.rows += 1;
    this.stats.features.forEach((current, index) =>
      this.addValue(index, current, row[current.name]),
    );
  }

  /** @internal Adds one value of feature `index` (the reference's feature order). */
  addValue(index: number, current: CurrentFeature, value: unknown): void {
    const reference = this.reference.features[index];
    if (current.kind === 'numeric' && reference.kind === 'numeric') {
      const number = readNumber(value, this.reader);
      if (number === undefined) return void (current.missing += 1);
      current.count += 1;
      current.sum += number;
      current.bins[findBin(reference.edges, number)] += 1;
      current.grid[findBin(reference.quantiles, number)] += 1;
      return;
    }
    if (current.kind !== 'categorical' || reference.kind !== 'categorical') return;
    const category = readCategory(value, this.reader, reference.boolean === true);
    if (category === undefined) return void (current.missing += 1);
    current.count += 1;
    const slot = this.lookups[index]?.get(category);
    if (slot === undefined) current.other += 1;
    else current.counts[slot] += 1;
  }

  /** Adds another accumulator's counts (same reference) to this one. */
  merge(other: DriftAccumulator): void {
    const mine = this.stats;
    mine.rows += other.stats.rows;
    other.stats.features.forEach((theirs, index) => {
      const current = mine.features[index];
      current.count += theirs.count;
      current.missing += theirs.missing;
      if (current.kind === 'numeric' && theirs.kind === 'numeric') {
        current.sum += theirs.sum;
        theirs.bins.forEach((count, bin) => (current.bins[bin] += count));
        theirs.grid.forEach((count, cell) => (current.grid[cell] += count));
      } else if (current.kind === 'categorical' && theirs.kind === 'categorical') {
        current.other += theirs.other;
        theirs.counts.forEach((count, slot) => (current.counts[slot] += count));
      }
    });
  }

  reset(): void {
    this.stats = createEmpty(this.reference);
  }

  /** A copy of the counts so far. */
  snapshot(): CurrentStats {
    return structuredClone(this.stats);
  }
}
