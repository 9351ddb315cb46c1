import { MISSING_BIN } from './bin-features.js';

/** Bins per feature in a histogram: 255 value bins at most, and the missing bin. */
export const BINS = MISSING_BIN + 1;

/**
 * Per column and bin (`(column * BINS + bin) * 3`): the gradient sum, the hessian sum and the
 * row count, side by side so one bin's update touches one cache line.
 */
export type HistogramBuffer = Float64Array;

/** The binned columns histograms are built from: column `c` is `columns[c * total + i]`. */
export interface HistogramColumns {
  columns: Uint8Array;
  /** Value bins per column (its slots are `c * BINS ..`, plus the missing bin). */
  columnBins: Uint16Array;
  /** Training rows (the length of a column). */
  total: number;
}

/** The rows of one node: `rows[start..start + n)`, with their gradients and hessians in that order. */
export interface NodeRows {
  rows: Uint32Array;
  start: number;
  n: number;
  gradients: Float32Array;
  hessians: Float32Array;
}

/**
 * The histogram kernel: writes the histograms of `which` (column indices) over the node's rows,
 * each column's bins summed in row order (so a column's histogram is the same whichever thread
 * builds it, and with whichever other columns).
 */
export function accumulateHistograms(
  histogram: HistogramBuffer,
  source: HistogramColumns,
  which: Int32Array,
  node: NodeRows,
): void {
  const { columns: binned, columnBins: binCounts, total } = source;
  const { rows, start, n, gradients: g, hessians: h } = node;
  // Four columns per pass over the rows: each row's index and gradients are read once for all
  // four, and four independent histograms keep the additions from waiting on each other.
  let f = 0;
  for (; f + 3 < which.length; f += 4) {
    const a = which[f] as number;
    const b = which[f + 1] as number;
    const c = which[f + 2] as number;
    const d = which[f + 3] as number;
    clearSlots(histogram, a * BINS, binCounts[a] as number);
    clearSlots(histogram, b * BINS, binCounts[b] as number);
    clearSlots(histogram, c * BINS, binCounts[c] as number);
    clearSlots(histogram, d * BINS, binCounts[d] as number);
    const baseA = a * BINS;
    const baseB = b * BINS;
    const baseC = c * BINS;
    const baseD = d * BINS;
    const offsetA = a * total;
    const offsetB = b * total;
    const offsetC = c * total;
    const offsetD = d * total;
    for (let k = 0; k < n; k += 1) {
      const row = rows[start + k] as number;
      const gk = g[k] as number;
      const hk = h[k] as number;
      const atA = (baseA + (binned[offsetA + row] as number)) * 3;
      const atB = (baseB + (binned[offsetB + row] as number)) * 3;
      const atC = (baseC + (binned[offsetC + row] as number)) * 3;
      const atD = (baseD + (binned[offsetD + row] as number)) * 3;
      histogram[atA] += gk;
      histogram[atA + 1] += hk;
      histogram[atA + 2] += 1;
      histogram[atB] += gk;
      histogram[atB + 1] += hk;
      histogram[atB + 2] += 1;
      histogram[atC] += gk;
      histogram[atC + 1] += hk;
      histogram[atC + 2] += 1;
      histogram[atD] += gk;
      histogram[atD + 1] += hk;
      histogram[atD + 2] += 1;
    }
  }
  for (; f < which.length; f += 1) {
    const a = which[f] as number;
    clearSlots(histogram, a * BINS, binCounts[a] as number);
    const baseA = a * BINS;
    const offsetA = a * total;
    for (let k = 0; k < n; k += 1) {
      const atA = (baseA + (binned[offsetA + (rows[start + k] as number)] as number)) * 3;
      histogram[atA] += g[k] as number;
      histogram[atA + 1] += h[k] as number;
      histogram[atA + 2] += 1;
    }
  }
}

/** Zeroes the slots a column uses: its value bins and the missing bin. */
export function clearSlots(histogram: HistogramBuffer, base: number, bins: number): void {
  histogram.fill(0, base * 3, (base + bins) * 3);
  const missingAt = (base + MISSING_BIN) * 3;
  histogram.fill(0, missingAt, missingAt + 3);
}

/** Copies the slots a column uses (its value bins and the missing bin) from one histogram. */
export function copySlots(
  to: HistogramBuffer,
  from: HistogramBuffer,
  base: number,
  bins: number,
): void {
  to.set(from.subarray(base * 3, (base + bins) * 3), base * 3);
  const missingAt = (base + MISSING_BIN) * 3;
  to.set(from.subarray(missingAt, missingAt + 3), missingAt);
}
