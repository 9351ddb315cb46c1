import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import {
  fitMultinomialLogisticRegression,
  predictMultinomialLogisticRegression,
} from '../baseline/multinomial-logistic-regression.js';
import { fitRidgeRegression, predictRidgeRegression } from '../baseline/ridge-regression.js';
import type { MulticlassEvaluation } from './multiclass-metrics.js';
import { computeMulticlassMetrics } from './multiclass-metrics.js';
import type { RegressionMetrics } from './regression-metrics.js';
import { computeRegressionMetrics } from './regression-metrics.js';

/** One in-run baseline's test metrics, keyed as metrics.json names them. */
export interface TaskBaseline {
  id: string;
  label: string;
  detail: string;
  metrics: Record<string, number>;
}

/** A multiclass or regression model's test evaluation with its in-run baselines. */
export type TaskEvaluation =
  | { task: 'multiclass'; network: MulticlassEvaluation; baselines: TaskBaseline[] }
  | { task: 'regression'; network: RegressionMetrics; rows: number; baselines: TaskBaseline[] };

/** What the test split and the training labels give evaluation, for either task. */
export interface TaskPredictions {
  /** Test class indices (multiclass) or values in the target's units (regression). */
  labels: ArrayLike<number>;
  /** The model's output, row-major: K probabilities per row, or one value per row. */
  outputs: ArrayLike<number>;
  /** The training split's labels, which the baselines learn from. */
  trainLabels: ArrayLike<number>;
  /** The transformed features of both splits, for the linear baseline (regression: ridge). */
  features?: { train: FeatureMatrix; test: FeatureMatrix };
}

/**
 * Scores a multiclass model (accuracy, macro and weighted F1, one-vs-rest ROC AUC, log loss,
 * per class and the confusion matrix) against the majority class, which answers the training
 * class shares for every row, and, given the features, multinomial logistic regression; or a regression model (RMSE, MAE, R², MAPE) against the
 * training mean and, given the features, ridge regression (alpha 1) on the same features.
 */
export function evaluateTaskPredictions(
  task: 'multiclass' | 'regression',
  input: TaskPredictions,
  classes: readonly string[] | null,
): TaskEvaluation {
  const { labels, outputs, trainLabels } = input;
  if (task === 'multiclass') {
    const vocabulary = classes ?? [];
    const shares = computeClassShares(trainLabels, vocabulary.length);
    const majority = shares.indexOf(Math.max(...shares));
    const priors = Float64Array.from({ length: labels.length * shares.length }, (_, i) => shares[i % shares.length] ?? 0);
    const baseline = computeMulticlassMetrics(labels, priors, vocabulary);
    const linear: TaskBaseline[] = [];
    if (input.features) {
      const model = fitMultinomialLogisticRegression(input.features.train, trainLabels, vocabulary.length);
      const probabilities = predictMultinomialLogisticRegression(model, input.features.test);
      linear.push({
        id: 'logistic_regression',
        label: 'Multinomial logistic regression',
        detail: "softmax, L2 1 (scikit-learn's C=1), on the network's transformed features",
        metrics: { ...computeMulticlassMetrics(labels, probabilities, vocabulary).metrics },
      });
    }
    return {
      task,
      network: computeMulticlassMetrics(labels, outputs, vocabulary),
      baselines: [
        {
          id: 'majority_class',
          label: 'Majority class',
          detail: `always "${vocabulary[majority] ?? ''}", with the training class shares as probabilities`,
          metrics: { ...baseline.metrics },
        },
        ...linear,
      ],
    };
  }
  let mean = 0;
  for (let i = 0; i < trainLabels.length; i += 1) mean += trainLabels[i] ?? 0;
  mean /= Math.max(trainLabels.length, 1);
  const constant = new Float64Array(labels.length).fill(mean);
  const ridge: TaskBaseline[] = [];
  if (input.features) {
    const model = fitRidgeRegression(input.features.train, trainLabels, 1);
    ridge.push({
      id: 'ridge',
      label: 'Ridge regression',
      detail: `linear, alpha ${model.alpha}, on the network's transformed features`,
      metrics: { ...computeRegressionMetrics(labels, predictRidgeRegression(model, input.features.test)) },
    });
  }
  return {
    task,
    network: computeRegressionMetrics(labels, outputs),
    rows: labels.length,
    baselines: [
      {
        id: 'mean',
        label: 'Training mean',
        detail: `always ${mean.toPrecision(6)}, the training target's mean`,
        metrics: { ...computeRegressionMetrics(labels, constant) },
      },
      ...ridge,
    ],
  };
}

/**
 * metrics.json for a multiclass or regression model, in DVC's format: flat numeric keys, the
 * headline metrics first (what the gate reads), then `baseline_<id>_<metric>`.
 */
export function buildTaskMetricsJson(evaluation: TaskEvaluation): Record<string, number> {
  const headline: Record<string, number | undefined> =
    evaluation.task === 'multiclass' ? { ...evaluation.network.metrics } : { ...evaluation.network };
  const rows = evaluation.task === 'multiclass' ? evaluation.network.rows : evaluation.rows;
  const flat: Record<string, number> = { ...finite(headline), test_rows: rows };
  for (const baseline of evaluation.baselines) {
    for (const [metric, value] of Object.entries(finite(baseline.metrics))) flat[`baseline_${baseline.id}_${metric}`] = value;
  }
  return flat;
}

// --- internal ---

function computeClassShares(labels: ArrayLike<number>, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < labels.length; i += 1) counts[labels[i] ?? 0] = (counts[labels[i] ?? 0] ?? 0) + 1;
  return counts.map((count) => count / Math.max(labels.length, 1));
}

// JSON has no NaN: an undefined metric (an AUC with one class in test) is left out, not faked.
function finite(metrics: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).filter((entry): entry is [string, number] => Number.isFinite(entry[1])),
  );
}
