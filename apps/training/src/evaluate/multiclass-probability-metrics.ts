import { computeRocAuc } from '@modelship/core';
import { LOG_LOSS_EPSILON } from './probability-metrics.js';

/** One-vs-rest ROC AUC of each class, null for a class the labels hold on every row or none. */
export interface OneVsRestRocAuc {
  perClass: (number | null)[];
  /** The mean over classes whose AUC is defined; null when none is. */
  macro: number | null;
}

/**
 * Each class's ROC AUC of its probability against "this class or not", and their unweighted
 * mean: scikit-learn's `roc_auc_score(multi_class="ovr", average="macro")`. Where scikit-learn
 * raises because a class is absent from the labels, that class is null and left out of the mean.
 */
export function computeOneVsRestRocAuc(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
): OneVsRestRocAuc {
  const rows = labels.length;
  const isClass = new Uint8Array(rows);
  const scores = new Float64Array(rows);
  const perClass: (number | null)[] = [];
  for (let k = 0; k < classCount; k++) {
    for (let i = 0; i < rows; i++) {
      isClass[i] = labels[i] === k ? 1 : 0;
      scores[i] = probabilities[i * classCount + k];
    }
    perClass.push(computeRocAuc(isClass, scores));
  }
  const defined = perClass.filter((auc): auc is number => auc !== null);
  const macro =
    defined.length === 0 ? null : defined.reduce((sum, auc) => sum + auc, 0) / defined.length;
  return { perClass, macro };
}

/**
 * Mean categorical cross-entropy (natural log): minus the log of each row's probability of its
 * true class, clipped to [eps, 1 - eps] so one confident mistake cannot make it infinite.
 */
export function computeMulticlassLogLoss(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const observed = probabilities[i * classCount + labels[i]];
    sum -= Math.log(Math.min(Math.max(observed, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON));
  }
  return sum / labels.length;
}
