import { thinCurve } from './curves.js';
import type { ModelEvaluation } from './evaluate-predictions.js';
import type { SliceMetrics } from './slices.js';

/** One baseline's evaluation, keyed in metrics.json by `id`. */
export interface BaselineEvaluation {
  id: string;
  label: string;
  detail: string;
  evaluation: ModelEvaluation;
}

/** Everything the evaluate step measured in one run. */
export interface EvaluationResult {
  network: ModelEvaluation;
  baselines: BaselineEvaluation[];
  slices: Record<string, SliceMetrics[]>;
}

/**
 * metrics.json in DVC's metrics format: the network's headline numbers at the top level (what
 * the gate reads and `dvc metrics diff` compares), the baselines nested under `baseline`.
 * Undefined values (AUC on a single class) are written as null, since JSON has no NaN.
 */
export function buildMetricsJson(result: EvaluationResult): Record<string, unknown> {
  return {
    ...toJsonNumbers(result.network.metrics),
    threshold: result.network.threshold,
    test_rows: result.network.rows,
    positive_rate: result.network.positiveRate,
    baseline: Object.fromEntries(
      result.baselines.map((b) => [b.id, toJsonNumbers(b.evaluation.metrics)]),
    ),
  };
}

// Curves keep a point every 0.001 of their length: a test split of 10,000 rows would otherwise
// write megabytes of JSON that no plot or reviewer can tell apart from this.
const CURVE_RESOLUTION = 0.001;

/**
 * evaluation.json: the curves (thinned to a resolution of 0.001), the confusion matrices, the
 * calibration bins and the slices.
 */
export function buildEvaluationJson(result: EvaluationResult): Record<string, unknown> {
  const describe = (evaluation: ModelEvaluation) => ({
    metrics: toJsonNumbers(evaluation.metrics),
    confusion: evaluation.confusion,
    roc: thinCurve(evaluation.roc, (p) => [p.fpr, p.tpr], CURVE_RESOLUTION).map((p) => ({
      ...p,
      threshold: Number.isFinite(p.threshold) ? p.threshold : null,
    })),
    pr: thinCurve(evaluation.pr, (p) => [p.recall, p.precision], CURVE_RESOLUTION),
    calibration: evaluation.calibration,
  });
  return {
    threshold: result.network.threshold,
    rows: result.network.rows,
    positive_rate: result.network.positiveRate,
    network: describe(result.network),
    baselines: Object.fromEntries(
      result.baselines.map((b) => [
        b.id,
        { label: b.label, detail: b.detail, ...describe(b.evaluation) },
      ]),
    ),
    slices: result.slices,
  };
}

function toJsonNumbers(metrics: object): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(metrics).map(([key, value]) => [
      key,
      typeof value === 'number' && Number.isFinite(value) ? value : null,
    ]),
  );
}
