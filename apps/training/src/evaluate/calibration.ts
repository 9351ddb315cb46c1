export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean predicted probability in the bin; null when the bin is empty. */
  meanPredicted: number | null;
  /** Share of positives in the bin; null when the bin is empty. */
  observedRate: number | null;
}

/**
 * The reliability curve: `bins` equal-width bins over [0, 1] (the last one closed), each with
 * its mean predicted probability and observed positive rate. Empty bins are kept with nulls.
 */
export function computeCalibrationBins(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const counts = new Array<number>(bins).fill(0);
  const predictedSums = new Array<number>(bins).fill(0);
  const positiveSums = new Array<number>(bins).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i];
    const bin = Math.min(Math.floor(p * bins), bins - 1);
    counts[bin]++;
    predictedSums[bin] += p;
    positiveSums[bin] += labels[i];
  }
  return counts.map((count, bin) => ({
    lower: bin / bins,
    upper: (bin + 1) / bins,
    count,
    meanPredicted: count === 0 ? null : predictedSums[bin] / count,
    observedRate: count === 0 ? null : positiveSums[bin] / count,
  }));
}

/** Expected calibration error: the count-weighted mean gap between predicted and observed rates. */
export function computeExpectedCalibrationError(bins: readonly CalibrationBin[]): number {
  let total = 0;
  let weighted = 0;
  for (const bin of bins) {
    if (bin.meanPredicted === null || bin.observedRate === null) continue;
    total += bin.count;
    weighted += bin.count * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return total === 0 ? Number.NaN : weighted / total;
}
