import { computePrCurve } from './curves.js';

/**
 * Average precision as scikit-learn defines it: sum over thresholds of
 * (R_n - R_{n-1}) * P_n, a step function with no interpolation. NaN without positives.
 */
export function computeAveragePrecision(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): number {
  const curve = computePrCurve(labels, scores);
  if (curve.length === 0) return Number.NaN;
  let previousRecall = 0;
  let sum = 0;
  for (const point of curve) {
    sum += (point.recall - previousRecall) * point.precision;
    previousRecall = point.recall;
  }
  return sum;
}
