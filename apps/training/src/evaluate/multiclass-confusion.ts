/**
 * The predicted class of each row: the index of its largest probability, the first on a tie
 * (as numpy's argmax, so predictions match scikit-learn's `predict`).
 */
export function predictClasses(probabilities: ArrayLike<number>, classCount: number): Int32Array {
  const rows = Math.floor(probabilities.length / classCount);
  const predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let k = 1; k < classCount; k++) {
      if (probabilities[i * classCount + k] > probabilities[i * classCount + best]) best = k;
    }
    predicted[i] = best;
  }
  return predicted;
}

/**
 * The N x N confusion matrix: `counts[actual][predicted]`, rows the true class and columns the
 * predicted one, as scikit-learn's `confusion_matrix`.
 */
export function computeMulticlassConfusion(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
): number[][] {
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < labels.length; i++) counts[labels[i]][predicted[i]]++;
  return counts;
}
