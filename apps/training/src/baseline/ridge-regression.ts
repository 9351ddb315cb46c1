import { solveCholesky } from './_solve-cholesky.js';
import type { FeatureMatrix } from './feature-matrix.js';

/** A fitted linear model: `value = intercept + weights · x`. */
export interface RidgeModel {
  weights: Float64Array;
  intercept: number;
  alpha: number;
}

/**
 * Ridge regression in closed form, as scikit-learn's `Ridge(alpha)` with an unpenalised
 * intercept: centre the features and the target, then solve (XᵀX + αI) w = Xᵀy by Cholesky.
 * The in-run linear baseline of a regression network, on the same transformed features.
 * @throws RangeError when the feature and target lengths disagree or alpha is not positive
 */
export function fitRidgeRegression(features: FeatureMatrix, target: ArrayLike<number>, alpha = 1): RidgeModel {
  const { rows, columns, values } = features;
  if (target.length !== rows) throw new RangeError(`Ridge regression got ${rows} feature rows and ${target.length} targets.`);
  if (!(alpha > 0)) throw new RangeError(`Ridge regression needs alpha > 0, got ${alpha}.`);
  const means = new Float64Array(columns);
  let targetMean = 0;
  for (let r = 0; r < rows; r += 1) {
    targetMean += target[r] ?? 0;
    for (let c = 0; c < columns; c += 1) means[c] = (means[c] ?? 0) + (values[r * columns + c] ?? 0);
  }
  targetMean /= Math.max(rows, 1);
  for (let c = 0; c < columns; c += 1) means[c] = (means[c] ?? 0) / Math.max(rows, 1);
  const gram = new Float64Array(columns * columns);
  const moment = new Float64Array(columns);
  const centred = new Float64Array(columns);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) centred[c] = (values[r * columns + c] ?? 0) - (means[c] ?? 0);
    const y = (target[r] ?? 0) - targetMean;
    for (let i = 0; i < columns; i += 1) {
      const xi = centred[i] ?? 0;
      moment[i] = (moment[i] ?? 0) + xi * y;
      for (let j = 0; j <= i; j += 1) gram[i * columns + j] = (gram[i * columns + j] ?? 0) + xi * (centred[j] ?? 0);
    }
  }
  for (let i = 0; i < columns; i += 1) gram[i * columns + i] = (gram[i * columns + i] ?? 0) + alpha;
  // αI on the diagonal keeps the matrix positive definite, so the solve cannot fail.
  const weights = solveCholesky(gram, moment, columns) ?? new Float64Array(columns);
  let intercept = targetMean;
  for (let c = 0; c < columns; c += 1) intercept -= (weights[c] ?? 0) * (means[c] ?? 0);
  return { weights, intercept, alpha };
}

/** The model's value for every row of `features`. */
export function predictRidgeRegression(model: RidgeModel, features: FeatureMatrix): Float64Array {
  const { rows, columns, values } = features;
  return Float64Array.from({ length: rows }, (_, r) => {
    let value = model.intercept;
    for (let c = 0; c < columns; c += 1) value += (model.weights[c] ?? 0) * (values[r * columns + c] ?? 0);
    return value;
  });
}
