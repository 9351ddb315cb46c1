import { EvaluationError } from './evaluation-error.js';

/**
 * Checks multiclass inputs: at least 2 classes, one integer label in [0, classCount) per row,
 * and `classCount` probabilities per row (row-major, as the softmax head answers), each in [0, 1].
 * @throws EvaluationError naming the row, the value and the fix
 */
export function assertMulticlassScorable(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
): void {
  if (!Number.isInteger(classCount) || classCount < 2) {
    throw new EvaluationError(
      'E_EVAL_CLASSES',
      `Got ${classCount} classes; a multiclass evaluation needs the class vocabulary (2 or more classes).`,
      classCount,
    );
  }
  if (labels.length === 0) {
    throw new EvaluationError(
      'E_EVAL_EMPTY',
      'The test split is empty; nothing to evaluate. Check split.test in params.yaml.',
      0,
    );
  }
  if (probabilities.length !== labels.length * classCount) {
    throw new EvaluationError(
      'E_EVAL_LENGTH',
      `Got ${probabilities.length} probabilities for ${labels.length} rows of ${classCount} classes; pass ${labels.length * classCount} (one per class per row, row by row).`,
      { labels: labels.length, probabilities: probabilities.length, classes: classCount },
    );
  }
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new EvaluationError(
        'E_EVAL_LABEL',
        `Label at row ${i} is ${label}; labels must be class indices 0..${classCount - 1} (the position of the row's class in the vocabulary).`,
        label,
      );
    }
  }
  for (let j = 0; j < probabilities.length; j++) {
    const p = probabilities[j];
    if (!(p >= 0 && p <= 1)) {
      throw new EvaluationError(
        'E_EVAL_PROBABILITY',
        `Probability of class ${j % classCount} at row ${Math.floor(j / classCount)} is ${p}; expected a number in [0, 1] (apply a softmax to logits).`,
        p,
      );
    }
  }
}
