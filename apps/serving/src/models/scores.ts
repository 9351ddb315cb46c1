import type { Task } from '@modelship/core';

/**
 * What a model answered for scored rows, per task. Arrays a task does not use are empty.
 * Classes are indexes into `model.classes` (binary: `[negative, positive]`, so 1 is positive).
 */
export interface Scores {
  task: Task;
  /** Classification: the predicted class index per row. Regression: empty. */
  labels: Uint16Array;
  /**
   * Binary: the positive class's probability per row. Multiclass: the predicted class's
   * probability per row. Regression: empty.
   */
  probabilities: Float32Array;
  /** Multiclass: every class's probability, row-major [rows x K] in `model.classes` order. */
  classProbabilities: Float32Array;
  /** Regression: the predicted value per row, in the target's own units. */
  values: Float32Array;
}
