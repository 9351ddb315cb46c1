export interface ConfusionMatrix {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export interface ThresholdMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Counts at `threshold`: a row is predicted positive when its probability is >= threshold. */
export function computeConfusionMatrix(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): ConfusionMatrix {
  const matrix: ConfusionMatrix = {
    truePositives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    falseNegatives: 0,
  };
  for (let i = 0; i < labels.length; i++) {
    const predicted = probabilities[i] >= threshold;
    if (labels[i] === 1) {
      if (predicted) matrix.truePositives++;
      else matrix.falseNegatives++;
    } else if (predicted) matrix.falsePositives++;
    else matrix.trueNegatives++;
  }
  return matrix;
}

/**
 * Accuracy, precision, recall and F1 from a confusion matrix. A ratio with a zero denominator
 * is 0, as scikit-learn's zero_division=0 (no positive predictions means precision 0).
 */
export function computeThresholdMetrics(matrix: ConfusionMatrix): ThresholdMetrics {
  const { truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn } = matrix;
  const precision = divide(tp, tp + fp);
  const recall = divide(tp, tp + fn);
  return {
    accuracy: divide(tp + tn, tp + fp + tn + fn),
    precision,
    recall,
    f1: divide(2 * precision * recall, precision + recall),
  };
}

function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
