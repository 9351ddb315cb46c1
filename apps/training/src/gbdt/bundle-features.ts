import type { FeatureBins } from './bin-features.js';
import { MISSING_BIN } from './bin-features.js';

/**
 * Exclusive feature bundles (LightGBM's EFB): two-bin features without missing values that are
 * never in their second bin on the same training row (a one-hot vector's features, typically)
 * share one binned column, so one pass over the rows builds all their histograms.
 */
export interface FeatureBundles {
  /** Per bundle, its features in order: feature `features[u][i]` is in bin 1 where column `u` is i + 1. */
  features: Int32Array[];
  /** Column-major like the binned matrix: `columns[u * rows + i]`, 0 where no feature is in bin 1. */
  columns: Uint8Array;
  /** Per feature, its bundle, or -1. */
  bundleOf: Int32Array;
}

/** Greedy first-fit bundling of the exclusive two-bin features (at most 254 per bundle). */
export function findFeatureBundles(
  bins: FeatureBins,
  binned: Uint8Array,
  rows: number,
): FeatureBundles {
  const { width, binCounts } = bins;
  const bundleOf = new Int32Array(width).fill(-1);
  const members: number[][] = [];
  const columns: Uint8Array[] = [];
  for (let j = 0; j < width; j += 1) {
    if (binCounts[j] !== 2 || hasMissing(binned, j * rows, rows)) continue;
    const offset = j * rows;
    let placed = -1;
    for (let u = 0; u < columns.length && placed < 0; u += 1) {
      const column = columns[u] as Uint8Array;
      if ((members[u] as number[]).length >= MAX_BUNDLE) continue;
      let clash = false;
      for (let i = 0; i < rows && !clash; i += 1)
        clash = binned[offset + i] === 1 && column[i] !== 0;
      if (!clash) placed = u;
    }
    if (placed < 0) {
      placed = columns.length;
      columns.push(new Uint8Array(rows));
      members.push([]);
    }
    const column = columns[placed] as Uint8Array;
    const list = members[placed] as number[];
    list.push(j);
    for (let i = 0; i < rows; i += 1) if (binned[offset + i] === 1) column[i] = list.length;
  }
  // A bundle of one feature saves nothing: that feature keeps its own column.
  const kept: number[] = [];
  for (let u = 0; u < members.length; u += 1) if ((members[u] as number[]).length > 1) kept.push(u);
  const packed = new Uint8Array(kept.length * rows);
  const features = kept.map((u, index) => {
    packed.set(columns[u] as Uint8Array, index * rows);
    const list = Int32Array.from(members[u] as number[]);
    for (const j of list) bundleOf[j] = index;
    return list;
  });
  return { features, columns: packed, bundleOf };
}

// --- internal ---

/** Bundle values 1..254 name features; 0 is none, and 255 stays the missing bin. */
const MAX_BUNDLE = MISSING_BIN - 1;

function hasMissing(binned: Uint8Array, offset: number, rows: number): boolean {
  for (let i = 0; i < rows; i += 1) if (binned[offset + i] === MISSING_BIN) return true;
  return false;
}
