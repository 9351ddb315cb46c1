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
  const labels = labelSetsOf(model);
  const series = seriesOf(metrics, model, labels);
  series.queue.observe(result.queueSeconds);
  // Per worker run, not per caller: with batching, one run scores several callers' rows.
  if (result.batchLeader) {
    metrics.inferenceDuration.observe(labels.version, result.inferenceSeconds);
    metrics.batchRows.observe(labels.version, result.batchRows);
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

/** A version's series of the metrics recorded for every prediction. */
interface ModelSeries {
  queue: HistogramSeries;
  /** By class index (regression: the one `value` series). */
  predictions: CounterSeries[];
}

// Bound once per version and metrics (two apps in one process have two registries).
const seriesSets = new WeakMap<ServingMetrics, WeakMap<ModelVersion, ModelSeries>>();

function seriesOf(
  metrics: ServingMetrics,
  model: ModelVersion,
  labels: ModelLabelSets,
): ModelSeries {
  let byModel = seriesSets.get(metrics);
  if (!byModel) seriesSets.set(metrics, (byModel = new WeakMap()));
  let series = byModel.get(model);
  if (!series) {
    series = {
      queue: metrics.queueDuration.series(labels.version),
      predictions: labels.byLabel.map((set) => metrics.predictions.series(set)),
    };
    byModel.set(model, series);
  }
  return series;
}

interface ModelLabelSets {
  /** {model, version, variant} */
  version: Record<'model' | 'version' | 'variant', string>;
  /** The same with each class's `label` (regression: the one `value` label). */
  byLabel: Record<'model' | 'version' | 'variant' | 'label', string>[];
}

// Built once per loaded version: the metrics' label objects, not a spread copy per request.
const labelSets = new WeakMap<ModelVersion, ModelLabelSets>();

function labelSetsOf(model: ModelVersion): ModelLabelSets {
  let sets = labelSets.get(model);
  if (sets) return sets;
  const { name, version, variant } = model.key;
  const base = { model: name, version, variant };
  const labels = model.task === 'regression' ? [REGRESSION_PREDICTION_LABEL] : model.classes;
  sets = { version: base, byLabel: labels.map((label) => ({ ...base, label })) };
  labelSets.set(model, sets);
  return sets;
}
