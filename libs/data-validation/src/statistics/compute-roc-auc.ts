import { sortIndicesByScore } from './sort-indices-by-score.js';

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
