import type { CalibrationBin } from './calibration.js';
import type { ClassMetrics } from './class-metrics.js';
import { computeClassMetrics } from './class-metrics.js';
import { computeMulticlassConfusion, predictClasses } from './multiclass-confusion.js';
import { assertMulticlassScorable } from './multiclass-inputs.js';
import {
  computeMulticlassLogLoss,
  computeOneVsRestRocAuc,
} from './multiclass-probability-metrics.js';
import { computeTopLabelCalibration } from './top-label-calibration.js';

/** The headline numbers of a multiclass model, keyed as metrics.json and the gate name them. */
export interface MulticlassHeadlineMetrics {
  accuracy: number;
  macro_f1: number;
  weighted_f1: number;
  /** One-vs-rest, macro-averaged; NaN when no class has both its own and other rows. */
  roc_auc: number;
  log_loss: number;
  /** Top-label expected calibration error: confidence against accuracy. */
  ece: number;
}

/** Everything measured about a multiclass model's test predictions. */
export interface MulticlassEvaluation {
  metrics: MulticlassHeadlineMetrics;
  rows: number;
  classes: string[];
  /** Per class, in vocabulary order, with its one-vs-rest ROC AUC (null where undefined). */
  perClass: (ClassMetrics & { class: string; rocAuc: number | null })[];
  /** `confusion[actual][predicted]`, in vocabulary order. */
  confusion: number[][];
  /** Top-label reliability bins: the predicted class's probability against accuracy. */
  calibration: CalibrationBin[];
}

/**
 * Scores a multiclass model: `labels` are class indices into `classes` (the vocabulary) and
 * `probabilities` hold `classes.length` numbers per row, row after row. The predicted class is
 * the most probable one.
 * @throws EvaluationError for mismatched lengths, labels outside the vocabulary, bad probabilities
 */
export function computeMulticlassMetrics(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classes: readonly string[],
): MulticlassEvaluation {
  const classCount = classes.length;
  assertMulticlassScorable(labels, probabilities, classCount);
  const predicted = predictClasses(probabilities, classCount);
  const confusion = computeMulticlassConfusion(labels, predicted, classCount);
  const calibration = computeTopLabelCalibration(labels, probabilities, predicted, classCount);
  const averages = computeClassMetrics(confusion);
  const auc = computeOneVsRestRocAuc(labels, probabilities, classCount);
  return {
    metrics: {
      accuracy: averages.accuracy,
      macro_f1: averages.macroF1,
      weighted_f1: averages.weightedF1,
      roc_auc: auc.macro ?? Number.NaN,
      log_loss: computeMulticlassLogLoss(labels, probabilities, classCount),
      ece: calibration.ece,
    },
    rows: labels.length,
    classes: [...classes],
    perClass: averages.perClass.map((metrics, k) => ({
      class: classes[k],
      ...metrics,
      rocAuc: auc.perClass[k],
    })),
    confusion,
    calibration: calibration.bins,
  };
}
