import type { GbdtHead } from './gbdt-model.js';

/**
 * The loss a head boosts: binary log loss on a sigmoid, multiclass log loss on a softmax (one
 * score per class), or squared error. Scores are raw (before the link), row-major [rows, outputs].
 */
export interface GbdtLoss {
  outputs: number;
  /** The constant raw score minimising the weighted loss: log-odds, log class priors, or mean. */
  baseScore(y: ArrayLike<number>, weights: Float64Array): Float64Array;
  /**
   * Writes each row's gradient and hessian for output `k` to `gradients[k * rows + i]` and
   * `hessians[k * rows + i]`, weighted; returns the weighted mean loss of the scores (`loss`).
   */
  gradients(
    scores: Float64Array,
    y: ArrayLike<number>,
    weights: Float64Array,
    gradients: Float32Array,
    hessians: Float32Array,
  ): number;
  /** The weighted mean loss of the scores. */
  loss(scores: Float64Array, y: ArrayLike<number>, weights: Float64Array): number;
}

/** The loss of a head (binary, multiclass with its class count, or regression). */
export function createGbdtLoss(head: GbdtHead): GbdtLoss {
  if (head.task === 'binary') return BINARY_LOSS;
  if (head.task === 'multiclass') return createMulticlassLoss(head.classes);
  return SQUARED_ERROR;
}

// --- internal ---

// Scores are clamped this far from 0 or 1 before a logarithm, so a sure mistake costs ~34.6.
const EPSILON = 1e-15;

/** The log loss of a row whose true class got probability `p`. */
function logLoss(p: number): number {
  return -Math.log(Math.max(p, EPSILON));
}

const BINARY_LOSS: GbdtLoss = {
  outputs: 1,
  baseScore(y, weights) {
    let positive = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      positive += (weights[i] as number) * (y[i] as number);
      total += weights[i] as number;
    }
    const p = Math.min(Math.max(positive / total, EPSILON), 1 - EPSILON);
    return Float64Array.of(Math.log(p / (1 - p)));
  },
  gradients(scores, y, weights, gradients, hessians) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      const p = 1 / (1 + Math.exp(-(scores[i] as number)));
      const w = weights[i] as number;
      const label = y[i] as number;
      gradients[i] = w * (p - label);
      hessians[i] = w * p * (1 - p);
      sum += w * logLoss(label === 1 ? p : 1 - p);
      total += w;
    }
    return sum / total;
  },
  loss(scores, y, weights) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      const p = 1 / (1 + Math.exp(-(scores[i] as number)));
      sum += (weights[i] as number) * logLoss((y[i] as number) === 1 ? p : 1 - p);
      total += weights[i] as number;
    }
    return sum / total;
  },
};

const SQUARED_ERROR: GbdtLoss = {
  outputs: 1,
  baseScore(y, weights) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      sum += (weights[i] as number) * (y[i] as number);
      total += weights[i] as number;
    }
    return Float64Array.of(sum / total);
  },
  gradients(scores, y, weights, gradients, hessians) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      const w = weights[i] as number;
      const error = (scores[i] as number) - (y[i] as number);
      gradients[i] = w * error;
      hessians[i] = w;
      sum += w * error * error;
      total += w;
    }
    return sum / total;
  },
  loss(scores, y, weights) {
    let sum = 0;
    let total = 0;
    for (let i = 0; i < y.length; i += 1) {
      const error = (scores[i] as number) - (y[i] as number);
      sum += (weights[i] as number) * error * error;
      total += weights[i] as number;
    }
    return sum / total;
  },
};

function createMulticlassLoss(classes: number): GbdtLoss {
  const probabilities = new Float64Array(classes);
  return {
    outputs: classes,
    baseScore(y, weights) {
      const counts = new Float64Array(classes);
      let total = 0;
      for (let i = 0; i < y.length; i += 1) {
        counts[y[i] as number] += weights[i] as number;
        total += weights[i] as number;
      }
      return counts.map((count) => Math.log(Math.max(count / total, EPSILON)));
    },
    gradients(scores, y, weights, gradients, hessians) {
      const rows = y.length;
      let sum = 0;
      let total = 0;
      for (let i = 0; i < rows; i += 1) {
        softmax(scores, i * classes, classes, probabilities);
        const w = weights[i] as number;
        const label = y[i] as number;
        for (let k = 0; k < classes; k += 1) {
          const p = probabilities[k] as number;
          gradients[k * rows + i] = w * (p - (k === label ? 1 : 0));
          hessians[k * rows + i] = w * p * (1 - p);
        }
        sum += w * logLoss(probabilities[label] as number);
        total += w;
      }
      return sum / total;
    },
    loss(scores, y, weights) {
      let sum = 0;
      let total = 0;
      for (let i = 0; i < y.length; i += 1) {
        softmax(scores, i * classes, classes, probabilities);
        sum += (weights[i] as number) * logLoss(probabilities[y[i] as number] as number);
        total += weights[i] as number;
      }
      return sum / total;
    },
  };
}

/** The softmax of `scores[offset..offset+classes)` into `out`, shifted by the maximum. */
export function softmax(
  scores: ArrayLike<number>,
  offset: number,
  classes: number,
  out: Float64Array,
): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < classes; k += 1) max = Math.max(max, scores[offset + k] as number);
  let sum = 0;
  for (let k = 0; k < classes; k += 1) {
    const e = Math.exp((scores[offset + k] as number) - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k += 1) out[k] = (out[k] as number) / sum;
}
