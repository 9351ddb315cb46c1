import { minimizeLbfgs } from './_minimize-lbfgs.js';
import { assertFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

export interface MultinomialLogisticOptions {
  /** L2 penalty on the weights (not the intercepts), as scikit-learn's 1 / C. @default 1 */
  l2?: number;
  /** L-BFGS iterations at most. @default 200 */
  iterations?: number;
  /** Stop when no coefficient moves more than this in an iteration. @default 1e-6 */
  tolerance?: number;
}

/** Weights `[class][feature]` row-major (`classes * columns`) and one intercept per class. */
export interface MultinomialLogisticModel {
  classes: number;
  columns: number;
  weights: Float64Array;
  intercepts: Float64Array;
  /** L-BFGS iterations run. */
  iterations: number;
  /** Whether the last iteration moved every coefficient less than the tolerance. */
  converged: boolean;
}

/**
 * Fits an L2-regularised multinomial (softmax) logistic regression by L-BFGS on mean
 * cross-entropy + l2 / (2 n) |W|², scikit-learn's objective divided by n (its default solver
 * is L-BFGS too). Deterministic: zero start, no shuffling. The multiclass network's linear
 * in-run baseline, and the linear family's multiclass model.
 * @throws RangeError when the labels and rows disagree or a label is outside 0..classes-1
 */
export function fitMultinomialLogisticRegression(
  features: FeatureMatrix,
  labels: ArrayLike<number>,
  classes: number,
  options: MultinomialLogisticOptions = {},
): MultinomialLogisticModel {
  assertFeatureMatrix(features, 'Baseline training features');
  const { rows, columns } = features;
  if (labels.length !== rows) throw new RangeError(`Baseline: ${labels.length} labels for ${rows} feature rows.`);
  for (let r = 0; r < rows; r += 1) {
    const label = labels[r] ?? -1;
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new RangeError(`Baseline: label ${label} of row ${r} is not a class index below ${classes}.`);
    }
  }
  const l2 = options.l2 ?? 1;
  // Coefficients as one vector: the weights `[class][feature]`, then one intercept per class.
  const weightCount = classes * columns;
  const unpack = (theta: Float64Array) => ({
    classes,
    columns,
    weights: theta.subarray(0, weightCount),
    intercepts: theta.subarray(weightCount),
  });
  const fit = minimizeLbfgs(
    (theta, gradient) => computeLossAndGradient(unpack(theta), features, labels, l2, gradient),
    new Float64Array(weightCount + classes),
    { maxIterations: options.iterations ?? 200, tolerance: options.tolerance ?? 1e-6 },
  );
  const { weights, intercepts } = unpack(fit.x);
  return { classes, columns, weights: weights.slice(), intercepts: intercepts.slice(), iterations: fit.iterations, converged: fit.converged };
}

/** Class probabilities for every row of `features`, row-major (`rows * classes`). */
export function predictMultinomialLogisticRegression(model: MultinomialLogisticModel, features: FeatureMatrix): Float64Array {
  const out = new Float64Array(features.rows * model.classes);
  const probabilities = new Float64Array(model.classes);
  for (let r = 0; r < features.rows; r += 1) {
    scoreRow(model, features.values, r, probabilities);
    out.set(probabilities, r * model.classes);
  }
  return out;
}

// --- internal ---

type Coefficients = Pick<MultinomialLogisticModel, 'classes' | 'columns' | 'weights' | 'intercepts'>;

// Mean cross-entropy + l2 / (2 n) |W|², with its gradient (weights, then intercepts) in `gradient`.
function computeLossAndGradient(
  model: Coefficients,
  features: FeatureMatrix,
  labels: ArrayLike<number>,
  l2: number,
  gradient: Float64Array,
): number {
  const { classes, columns, weights } = model;
  const { rows, values } = features;
  const probabilities = new Float64Array(classes);
  const weightCount = classes * columns;
  gradient.fill(0);
  let loss = 0;
  for (let r = 0; r < rows; r += 1) {
    scoreRow(model, values, r, probabilities);
    const label = labels[r] ?? 0;
    loss -= Math.log(Math.max(probabilities[label] ?? 0, Number.MIN_VALUE));
    for (let k = 0; k < classes; k += 1) {
      const error = (probabilities[k] ?? 0) - (label === k ? 1 : 0);
      gradient[weightCount + k] = (gradient[weightCount + k] ?? 0) + error;
      for (let c = 0; c < columns; c += 1) gradient[k * columns + c] = (gradient[k * columns + c] ?? 0) + error * (values[r * columns + c] ?? 0);
    }
  }
  for (let i = 0; i < weightCount; i += 1) {
    const weight = weights[i] ?? 0;
    loss += (l2 / 2) * weight * weight;
    gradient[i] = (gradient[i] ?? 0) + l2 * weight;
  }
  for (let i = 0; i < gradient.length; i += 1) gradient[i] = (gradient[i] ?? 0) / rows;
  return loss / rows;
}

// Softmax of one row's scores, shifted by the largest so exp never overflows.
function scoreRow(model: Coefficients, values: ArrayLike<number>, row: number, out: Float64Array): void {
  const { classes, columns, weights, intercepts } = model;
  let max = -Infinity;
  for (let k = 0; k < classes; k += 1) {
    let score = intercepts[k] ?? 0;
    for (let c = 0; c < columns; c += 1) score += (weights[k * columns + c] ?? 0) * (values[row * columns + c] ?? 0);
    out[k] = score;
    if (score > max) max = score;
  }
  let total = 0;
  for (let k = 0; k < classes; k += 1) {
    out[k] = Math.exp((out[k] ?? 0) - max);
    total += out[k] ?? 0;
  }
  for (let k = 0; k < classes; k += 1) out[k] = (out[k] ?? 0) / total;
}
