/** Precision, recall and F1 of one class against the rest, and how many rows truly hold it. */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** The averages of per-class metrics scikit-learn reports for multiclass classification. */
export interface ClassAverages {
  accuracy: number;
  macroF1: number;
  weightedF1: number;
  perClass: ClassMetrics[];
}

/**
 * Per-class precision, recall and F1 from a confusion matrix (`counts[actual][predicted]`), with
 * accuracy and the macro and support-weighted F1. A zero denominator gives 0, as scikit-learn's
 * zero_division=0. The macro average covers the classes present in the labels or the predictions,
 * as scikit-learn's default `labels=None`: a class the test split never holds and the model never
 * predicts says nothing about the model and does not pull the average to 0.
 */
export function computeClassMetrics(counts: readonly (readonly number[])[]): ClassAverages {
  const classCount = counts.length;
  let total = 0;
  let correct = 0;
  const perClass: ClassMetrics[] = [];
  for (let k = 0; k < classCount; k++) {
    let support = 0;
    let predictedAs = 0;
    for (let j = 0; j < classCount; j++) {
      support += counts[k][j];
      predictedAs += counts[j][k];
    }
    const truePositives = counts[k][k];
    total += support;
    correct += truePositives;
    const precision = ratio(truePositives, predictedAs);
    const recall = ratio(truePositives, support);
    perClass.push({
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support,
    });
  }
  const seen = perClass.filter(
    (metrics, k) => metrics.support > 0 || counts.some((row) => row[k] > 0),
  );
  const macroF1 = seen.reduce((sum, metrics) => sum + metrics.f1, 0) / Math.max(seen.length, 1);
  const weightedF1 =
    perClass.reduce((sum, metrics) => sum + metrics.f1 * metrics.support, 0) / Math.max(total, 1);
  return { accuracy: ratio(correct, total), macroF1, weightedF1, perClass };
}

// --- internal ---

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
