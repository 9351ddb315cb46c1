import { ModelshipError } from '@modelship/core';

/** An evaluation input that cannot be scored: mismatched lengths, no rows, labels other than 0/1. */
export class EvaluationError extends ModelshipError {
  readonly value: unknown;

  constructor(code: string, message: string, value?: unknown, options?: ErrorOptions) {
    super(message, { ...options, code });
    this.value = value;
  }
}

/** Checks that labels are 0/1, probabilities lie in [0, 1] and both have the same length. */
export function assertScorable(labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length !== probabilities.length) {
    throw new EvaluationError(
      'E_EVAL_LENGTH',
      `Got ${labels.length} labels but ${probabilities.length} probabilities; pass one probability per test row.`,
      { labels: labels.length, probabilities: probabilities.length },
    );
  }
  if (labels.length === 0) {
    throw new EvaluationError(
      'E_EVAL_EMPTY',
      'The test split is empty; nothing to evaluate. Check split.test in params.yaml.',
      0,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new EvaluationError(
        'E_EVAL_LABEL',
        `Label at row ${i} is ${labels[i]}; labels must be 0 or 1 (map the target's positive class to 1).`,
        labels[i],
      );
    }
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) {
      throw new EvaluationError(
        'E_EVAL_PROBABILITY',
        `Probability at row ${i} is ${p}; expected a number in [0, 1] (apply a sigmoid to logits).`,
        p,
      );
    }
  }
}
