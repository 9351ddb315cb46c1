import { assertFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';

export interface MultinomialLogisticOptions {
  /** L2 penalty on the weights (not the intercepts), as scikit-learn's 1 / C. @default 1 */
  l2?: number;
  /** Full-batch gradient steps at most. @default 200 */
  iterations?: number;
  /** Stop when no coefficient moves more than this in a step. @default 1e-7 */
  tolerance?: number;
  /** Step size on the mean loss; the features are standardised, so 0.5 is stable. @default 0.5 */
  learningRate?: number;
}

/** Weights `[class][feature]` row-major (`classes * columns`) and one intercept per class. */
export interface MultinomialLogisticModel {
  classes: number;
  columns: number;
  weights: Float64Array;
  intercepts: Float64Array;
  /** Gradient steps taken. */
  iterations: number;
  /** Whether the last step moved every coefficient less than the tolerance. */
  converged: boolean;
}

/**
 * Fits an L2-regularised multinomial (softmax) logistic regression by full-batch gradient
 * descent on mean cross-entropy + l2 / (2 n) |W|², scikit-learn's objective divided by n.
 * Deterministic: zero start, no shuffling. The multiclass network's linear in-run baseline.
 * @throws RangeError when the labels and rows disagree or a label is outside 0..classes-1
 */
export function fitMultinomialLogisticRegression(
  features: FeatureMatrix,
  labels: ArrayLike<number>,
  classes: number,
  options: MultinomialLogisticOptions = {},
): MultinomialLogisticModel {
  assertFeatureMatrix(features, 'Baseline training features');
  const { rows, columns, values } = features;
  if (labels.length !== rows) throw new RangeError(`Baseline: ${labels.length} labels for ${rows} feature rows.`);
  for (let r = 0; r < rows; r += 1) {
    const label = labels[r] ?? -1;
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new RangeError(`Baseline: label ${label} of row ${r} is not a class index below ${classes}.`);
    }
  }
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 200;
  const rate = options.learningRate ?? 0.5;
  const model: MultinomialLogisticModel = {
    classes,
    columns,
    weights: new Float64Array(classes * columns),
    intercepts: new Float64Array(classes),
    iterations: 0,
    converged: false,
  };
  const tolerance = options.tolerance ?? 1e-7;
  const gradient = new Float64Array(classes * columns);
  const gradientIntercepts = new Float64Array(classes);
  const probabilities = new Float64Array(classes);
  for (let step = 0; step < iterations && !model.converged; step += 1) {
    gradient.fill(0);
    gradientIntercepts.fill(0);
    for (let r = 0; r < rows; r += 1) {
      scoreRow(model, values, r, probabilities);
      for (let k = 0; k < classes; k += 1) {
        const error = (probabilities[k] ?? 0) - (labels[r] === k ? 1 : 0);
        gradientIntercepts[k] = (gradientIntercepts[k] ?? 0) + error;
        for (let c = 0; c < columns; c += 1) gradient[k * columns + c] = (gradient[k * columns + c] ?? 0) + error * (values[r * columns + c] ?? 0);
      }
    }
    let moved = 0;
    for (let k = 0; k < classes; k += 1) {
      const interceptStep = (rate * (gradientIntercepts[k] ?? 0)) / rows;
      model.intercepts[k] = (model.intercepts[k] ?? 0) - interceptStep;
      moved = Math.max(moved, Math.abs(interceptStep));
      for (let c = 0; c < columns; c += 1) {
        const i = k * columns + c;
        const weight = model.weights[i] ?? 0;
        const weightStep = (rate * ((gradient[i] ?? 0) + l2 * weight)) / rows;
        model.weights[i] = weight - weightStep;
        moved = Math.max(moved, Math.abs(weightStep));
      }
    }
    model.iterations = step + 1;
    model.converged = moved < tolerance;
  }
  return model;
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

// Softmax of one row's scores, shifted by the largest so exp never overflows.
function scoreRow(model: MultinomialLogisticModel, values: ArrayLike<number>, row: number, out: Float64Array): void {
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
