import { solveCholesky } from './_solve-cholesky.js';
import { assertFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

export interface LogisticRegressionOptions {
  /** L2 penalty on the weights (not the intercept), as scikit-learn's 1 / C. @default 1 */
  l2?: number;
  /** Newton steps at most. @default 50 */
  maxIterations?: number;
  /** Stop when no coefficient moves more than this. @default 1e-8 */
  tolerance?: number;
}

export interface LogisticRegressionModel {
  intercept: number;
  weights: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Fits an L2-regularised logistic regression by Newton's method (IRLS), minimising
 * sum(log loss) + l2/2 * |w|^2. Deterministic: no random start, no shuffling, same result every run.
 */
export function fitLogisticRegression(
  features: FeatureMatrix,
  labels: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  assertFeatureMatrix(features, 'Baseline training features');
  if (labels.length !== features.rows) {
    throw new RangeError(`Baseline: ${labels.length} labels for ${features.rows} feature rows.`);
  }
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-8;
  const d = features.columns + 1; // coefficient 0 is the intercept
  let beta = new Float64Array(d);
  let loss = computePenalisedLoss(features, labels, beta, l2);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { gradient, hessian } = computeNewtonTerms(features, labels, beta, l2);
    const step = solveCholesky(hessian, gradient, d);
    if (!step) break;
    // Halve the step until the loss falls: plain Newton can overshoot on near-separable data.
    let scale = 1;
    let candidate = beta;
    let candidateLoss = loss;
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      candidate = beta.map((b, j) => b - scale * step[j]);
      candidateLoss = computePenalisedLoss(features, labels, candidate, l2);
      if (candidateLoss <= loss) break;
    }
    const moved = Math.max(...candidate.map((c, j) => Math.abs(c - beta[j])));
    beta = candidate;
    loss = candidateLoss;
    if (moved < tolerance)
      return {
        intercept: beta[0],
        weights: beta.slice(1),
        iterations: iteration,
        converged: true,
      };
  }
  return {
    intercept: beta[0],
    weights: beta.slice(1),
    iterations: maxIterations,
    converged: false,
  };
}

/** Probabilities of the positive class for every row. */
export function predictLogisticRegression(
  model: LogisticRegressionModel,
  features: FeatureMatrix,
): Float64Array {
  assertFeatureMatrix(features, 'Baseline test features');
  if (features.columns !== model.weights.length) {
    throw new RangeError(
      `Baseline: the model has ${model.weights.length} weights but the rows have ${features.columns} features.`,
    );
  }
  const out = new Float64Array(features.rows);
  for (let r = 0; r < features.rows; r++)
    out[r] = sigmoid(linearScore(features, r, model.intercept, model.weights, 0));
  return out;
}

// --- internal ---

function linearScore(
  x: FeatureMatrix,
  row: number,
  intercept: number,
  weights: ArrayLike<number>,
  offset: number,
): number {
  let z = intercept;
  const base = row * x.columns;
  for (let j = 0; j < x.columns; j++) z += weights[j + offset] * x.values[base + j];
  return z;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function computePenalisedLoss(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  beta: Float64Array,
  l2: number,
): number {
  let loss = 0;
  for (let r = 0; r < x.rows; r++) {
    const z = linearScore(x, r, beta[0], beta, 1);
    // log(1 + e^z) - y z, written to stay finite for large |z|.
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[r] * z;
  }
  for (let j = 1; j < beta.length; j++) loss += (l2 / 2) * beta[j] ** 2;
  return loss;
}

function computeNewtonTerms(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  beta: Float64Array,
  l2: number,
) {
  const d = beta.length;
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const row = new Float64Array(d);
  row[0] = 1;
  for (let r = 0; r < x.rows; r++) {
    for (let j = 1; j < d; j++) row[j] = x.values[r * x.columns + j - 1];
    const p = sigmoid(linearScore(x, r, beta[0], beta, 1));
    const residual = p - y[r];
    const weight = p * (1 - p);
    for (let i = 0; i < d; i++) {
      gradient[i] += residual * row[i];
      const wi = weight * row[i];
      if (wi === 0) continue;
      for (let j = 0; j <= i; j++) hessian[i * d + j] += wi * row[j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) hessian[j * d + i] = hessian[i * d + j];
    // The intercept gets a tiny ridge only to keep the Hessian invertible; its penalty is not in the loss.
    hessian[i * d + i] += i === 0 ? 1e-10 : l2;
    if (i > 0) gradient[i] += l2 * beta[i];
  }
  return { gradient, hessian };
}
