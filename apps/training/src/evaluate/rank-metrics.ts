import { computePrCurve } from './curves.js';
import { sortIndicesByScore } from './_sort-by-score.js';

/**
 * ROC AUC as the Mann-Whitney U statistic: the chance that a random positive scores above a
 * random negative, ties counting one half. NaN when the labels hold a single class.
 */
export function computeRocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = sortIndicesByScore(scores, 'ascending');
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    // Tied scores share the mean of the 1-based ranks start+1 .. end+1.
    const meanRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++;
        positiveRankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

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
