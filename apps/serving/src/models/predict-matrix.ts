import type { Task } from '@modelship/core';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelVersion } from './model-version.js';

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

/**
 * Scores a float32 feature matrix on a model version's workers and records inference time,
 * queue time, batch size and predicted labels in the metrics.
 */
export async function predictMatrix(
  model: ModelVersion,
  data: Float32Array,
  rows: number,
  metrics: ServingMetrics,
): Promise<Scores> {
  const result = await model.score(data, rows);
  const labels = new Uint16Array(rows);
  let positives = 0;
  for (let row = 0; row < rows; row++) {
    if (result.probabilities[row] >= model.threshold) {
      labels[row] = 1;
      positives++;
    }
  }
  const { name, version, variant } = model.key;
  const base = { model: name, version, variant };
  metrics.queueDuration.observe(base, result.queueSeconds);
  // Per worker run, not per caller: with batching, one run scores several callers' rows.
  if (result.batchLeader) {
    metrics.inferenceDuration.observe(base, result.inferenceSeconds);
    metrics.batchRows.observe(base, result.batchRows);
  }
  if (positives > 0) metrics.predictions.inc({ ...base, label: '1' }, positives);
  if (positives < rows) metrics.predictions.inc({ ...base, label: '0' }, rows - positives);
  const empty = new Float32Array(0);
  return {
    task: model.task,
    probabilities: result.probabilities,
    labels,
    classProbabilities: empty,
    values: empty,
  };
}
