import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelVersion } from './model-version.js';

/** Positive-class probabilities and 0/1 labels of scored rows. */
export interface Scores {
  probabilities: Float32Array;
  labels: Uint8Array;
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
  const labels = new Uint8Array(rows);
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
  return { probabilities: result.probabilities, labels };
}
