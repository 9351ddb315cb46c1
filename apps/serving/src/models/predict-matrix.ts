import type { CounterSeries, HistogramSeries } from '../monitoring/lean-metrics.js';
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
  const series = seriesOf(metrics, model);
  series.queue.observe(result.queueSeconds);
  // Per worker run, not per caller: with batching, one run scores several callers' rows.
  if (result.batchLeader) {
    metrics.inferenceDuration.observe(series.version, result.inferenceSeconds);
    metrics.batchRows.observe(series.version, result.batchRows);
  }
  const scores = toScores(model, result.output, rows);
  if (scores.task === 'regression') {
    series.predictions[0].inc(rows);
    return scores;
  }
  const counts = new Array<number>(model.classes.length).fill(0);
  for (const label of scores.labels) counts[label]++;
  for (let index = 0; index < counts.length; index++) {
    if (counts[index] > 0) series.predictions[index].inc(counts[index]);
  }
  return scores;
}

// --- internal ---

/** What a version records with every prediction, bound once. */
interface ModelSeries {
  /** {model, version, variant}: the labels of the per-run histograms (prom-client's). */
  version: Record<'model' | 'version' | 'variant', string>;
  queue: HistogramSeries;
  /** By class index (regression: the one `value` series). */
  predictions: CounterSeries[];
}

// Per metrics (two apps in one process have two registries) and loaded version: no label object
// or key per request.
const seriesSets = new WeakMap<ServingMetrics, WeakMap<ModelVersion, ModelSeries>>();

function seriesOf(metrics: ServingMetrics, model: ModelVersion): ModelSeries {
  let byModel = seriesSets.get(metrics);
  if (!byModel) seriesSets.set(metrics, (byModel = new WeakMap()));
  let series = byModel.get(model);
  if (!series) {
    const { name, version, variant } = model.key;
    const base = { model: name, version, variant };
    const labels = model.task === 'regression' ? [REGRESSION_PREDICTION_LABEL] : model.classes;
    series = {
      version: base,
      queue: metrics.queueDuration.series(base),
      predictions: labels.map((label) => metrics.predictions.series({ ...base, label })),
    };
    byModel.set(model, series);
  }
  return series;
}
