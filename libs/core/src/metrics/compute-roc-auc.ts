/**
 * ROC AUC of scores against 0/1 labels as the Mann-Whitney U statistic: the chance that a random
 * positive scores above a random negative, ties counting one half. Arguments in scikit-learn's
 * order (`roc_auc_score(y_true, y_score)`). Null when the labels hold a single class: the AUC is
 * undefined then, and callers must say so rather than average a NaN into a report.
 */
export function computeRocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const n = scores.length;
  if (labels.length !== n) {
    throw new RangeError(`computeRocAuc: ${labels.length} labels for ${n} scores`);
  }
  const order = Array.from({ length: n }, (_, index) => index).sort(
    (a, b) => scores[a] - scores[b],
  );
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
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
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
