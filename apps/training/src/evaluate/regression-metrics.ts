import { EvaluationError } from './evaluation-error.js';

/** The headline numbers of a regression model, in the target's own units (R² and MAPE unitless). */
export interface RegressionMetrics {
  rmse: number;
  mae: number;
  r2: number;
  /** Mean of |error| / |actual| as a fraction (scikit-learn's), present only when no actual is 0. */
  mape?: number;
}

/**
 * RMSE, MAE, R² and MAPE of predictions against actual values, as scikit-learn computes them.
 * R² of a constant target is 1 for exact predictions and 0 otherwise (scikit-learn's
 * force_finite); MAPE is left out when an actual value is 0, where it would divide by zero.
 * @throws EvaluationError for mismatched lengths, no rows, or a value that is not finite
 */
export function computeRegressionMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): RegressionMetrics {
  assertRegressionScorable(actual, predicted);
  const rows = actual.length;
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += actual[i];
  mean /= rows;
  let squared = 0;
  let absolute = 0;
  let total = 0;
  let percentage = 0;
  let hasZero = false;
  for (let i = 0; i < rows; i++) {
    const error = actual[i] - predicted[i];
    squared += error * error;
    absolute += Math.abs(error);
    total += (actual[i] - mean) ** 2;
    if (actual[i] === 0) hasZero = true;
    else percentage += Math.abs(error) / Math.abs(actual[i]);
  }
  const metrics: RegressionMetrics = {
    rmse: Math.sqrt(squared / rows),
    mae: absolute / rows,
    r2: total === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / total,
  };
  if (!hasZero) metrics.mape = percentage / rows;
  return metrics;
}

// --- internal ---

function assertRegressionScorable(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length !== predicted.length) {
    throw new EvaluationError(
      'E_EVAL_LENGTH',
      `Got ${actual.length} actual values but ${predicted.length} predictions; pass one prediction per test row.`,
      { actual: actual.length, predicted: predicted.length },
    );
  }
  if (actual.length === 0) {
    throw new EvaluationError(
      'E_EVAL_EMPTY',
      'The test split is empty; nothing to evaluate. Check split.test in params.yaml.',
      0,
    );
  }
  for (const [name, values] of [
    ['actual value', actual],
    ['prediction', predicted],
  ] as const) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new EvaluationError(
          'E_EVAL_VALUE',
          `The ${name} at row ${i} is ${values[i]}; expected a finite number.`,
          values[i],
        );
      }
    }
  }
}
