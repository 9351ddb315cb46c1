/**
 * Quantile bins of a feature matrix, fitted on the training split: each feature's values map to
 * bins 0..binCounts[j]-1 (ascending), and a missing value (NaN) to the dedicated bin `MISSING_BIN`.
 */
export interface FeatureBins {
  width: number;
  /** Non-missing bins per feature (1 for a constant feature, which then never splits). */
  binCounts: Uint16Array;
  /**
   * Per feature, the upper edge of each bin but the last: a value `v` falls in the first bin `b`
   * with `v <= edges[j][b]`, else in the last. Every edge is a training value (a float32), so
   * `x <= edge` routes every float32 input exactly as the binning does.
   */
  edges: Float64Array[];
}

/** The bin of a missing value, shared by every feature (bins hold at most 255 values). */
export const MISSING_BIN = 255;

/**
 * Fits at most `maxBins` (<= 255) bins per feature on row-major float32 rows. A feature with at
 * most `maxBins` distinct values gets one bin per value; otherwise the edges are its quantiles
 * (equal-count bins over the sorted non-missing values, edges being training values).
 */
export function fitFeatureBins(
  x: Float32Array,
  rows: number,
  width: number,
  maxBins: number,
): FeatureBins {
  const binCounts = new Uint16Array(width);
  const edges: Float64Array[] = [];
  const column = new Float32Array(rows);
  for (let j = 0; j < width; j += 1) {
    let present = 0;
    for (let i = 0; i < rows; i += 1) {
      const value = x[i * width + j] as number;
      if (value === value) column[present++] = value;
    }
    const sorted = column.subarray(0, present).sort();
    const featureEdges = quantileEdges(sorted, maxBins);
    edges.push(featureEdges);
    binCounts[j] = featureEdges.length + 1;
  }
  return { width, binCounts, edges };
}

/**
 * Bins row-major float32 rows column-major (`binned[j * rows + i]`), the layout the histogram
 * loops read contiguously. Infinite values fall in the first or last bin.
 */
export function binMatrix(bins: FeatureBins, x: Float32Array, rows: number): Uint8Array {
  const { width, edges } = bins;
  const binned = new Uint8Array(rows * width);
  for (let j = 0; j < width; j += 1) {
    const featureEdges = edges[j] as Float64Array;
    const offset = j * rows;
    for (let i = 0; i < rows; i += 1) {
      binned[offset + i] = findBin(featureEdges, x[i * width + j] as number);
    }
  }
  return binned;
}

// --- internal ---

function findBin(edges: Float64Array, value: number): number {
  if (value !== value) return MISSING_BIN;
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value <= (edges[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function quantileEdges(sorted: Float32Array, maxBins: number): Float64Array {
  const n = sorted.length;
  const edges: number[] = [];
  if (n === 0) return new Float64Array(0);
  let distinct = 1;
  for (let i = 1; i < n && distinct <= maxBins; i += 1) {
    if (sorted[i] !== sorted[i - 1]) distinct += 1;
  }
  if (distinct <= maxBins) {
    for (let i = 1; i < n; i += 1) {
      if (sorted[i] !== sorted[i - 1]) edges.push(sorted[i - 1] as number);
    }
    return Float64Array.from(edges);
  }
  // Equal-count cuts; a value repeated across several cuts yields one edge only.
  for (let b = 1; b < maxBins; b += 1) {
    const edge = sorted[Math.floor((b * n) / maxBins) - 1] as number;
    const last = edges.length > 0 ? (edges[edges.length - 1] as number) : Number.NEGATIVE_INFINITY;
    if (edge > last && edge < (sorted[n - 1] as number)) edges.push(edge);
  }
  return Float64Array.from(edges);
}
