import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelVersion } from './model-version.js';
import type { Scores } from './scores.js';
import { toScores } from './to-scores.js';

// Scores has a module of its own (toScores fills it, and imports it); callers import it here.
export type { Scores } from './scores.js';

/** The `label` of modelship_predictions_total for regression rows (classes use their text). */
export const REGRESSION_PREDICTION_LABEL = 'value';

/**
 * Scores a float32 feature matrix on a model version's workers and records inference time,
 * queue time, batch size and predicted classes (or `value` rows) in the metrics. An output that
 * is no probability or no finite value fails the call (ModelOutputError, 422) before any
 * prediction is counted.
 */
export async function predictMatrix(
  model: ModelVersion,
  data: Float32Array,
  rows: number,
  metrics: ServingMetrics,
): Promise<Scores> {
  const result = await model.score(data, rows);
  const { name, version, variant } = model.key;
  const base = { model: name, version, variant };
  metrics.queueDuration.observe(base, result.queueSeconds);
  // Per worker run, not per caller: with batching, one run scores several callers' rows.
  if (result.batchLeader) {
    metrics.inferenceDuration.observe(base, result.inferenceSeconds);
    metrics.batchRows.observe(base, result.batchRows);
  }
  const scores = toScores(model, result.output, rows);
  if (scores.task === 'regression') {
    metrics.predictions.inc({ ...base, label: REGRESSION_PREDICTION_LABEL }, rows);
    return scores;
  }
  const counts = new Array<number>(model.classes.length).fill(0);
  for (const label of scores.labels) counts[label]++;
  counts.forEach((count, index) => {
    if (count > 0) metrics.predictions.inc({ ...base, label: model.classes[index] }, count);
  });
  return scores;
}
