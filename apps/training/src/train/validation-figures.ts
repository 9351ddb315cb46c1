import { computeRocAuc } from '@modelship/core';
import { computeOneVsRestRocAuc } from '../evaluate/multiclass-probability-metrics.js';
import type { NetworkHead, RegressionLoss } from './network-head.js';
import type { TargetScaling } from './target-scaling.js';

/** An epoch's figures on the validation split: the loss early stopping watches, and a metric. */
export interface ValidationFigures {
  valLoss: number;
  /** Binary ROC AUC, or multiclass one-vs-rest macro ROC AUC. */
  valRocAuc?: number;
  /** Regression RMSE in the target's own units. */
  valRmse?: number;
}

/**
 * The validation loss on the objective the network optimises (class-weighted cross-entropy, or
 * the regression loss in standard units), so early stopping compares epochs on what training
 * minimises, and one metric people read in the progress line.
 */
export function computeValidationFigures(
  head: NetworkHead,
  labels: ArrayLike<number>,
  outputs: Float32Array,
  classWeight: Record<number, number> | undefined,
  scaling: TargetScaling | null,
): ValidationFigures {
  if (head.task === 'binary') {
    return {
      valLoss: computeWeightedLogLoss(labels, outputs, classWeight),
      valRocAuc: computeRocAuc(labels, outputs) ?? Number.NaN,
    };
  }
  if (head.task === 'multiclass') {
    return {
      valLoss: computeWeightedCrossEntropy(labels, outputs, head.classes, classWeight),
      valRocAuc: computeOneVsRestRocAuc(labels, outputs, head.classes).macro ?? Number.NaN,
    };
  }
  if (scaling === null) throw new Error('A regression network needs its target scaling.');
  return computeRegressionFigures(labels, outputs, head.loss, scaling);
}

// --- internal ---

const EPSILON = 1e-7;

// With balanced class weights the network optimises the weighted loss, so early stopping
// compares epochs on that same objective; unweighted, this is plain binary cross-entropy.
function computeWeightedLogLoss(
  labels: ArrayLike<number>,
  probabilities: Float32Array,
  classWeight: Record<number, number> = { 0: 1, 1: 1 },
): number {
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] ?? 0;
    const weight = classWeight[label] ?? 1;
    const p = Math.min(Math.max(probabilities[i] ?? 0.5, EPSILON), 1 - EPSILON);
    sum -= weight * (label === 1 ? Math.log(p) : Math.log(1 - p));
    weights += weight;
  }
  return sum / weights;
}

function computeWeightedCrossEntropy(
  labels: ArrayLike<number>,
  probabilities: Float32Array,
  classCount: number,
  classWeight: Record<number, number> = {},
): number {
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] ?? 0;
    const weight = classWeight[label] ?? 1;
    const p = Math.min(Math.max(probabilities[i * classCount + label] ?? 0, EPSILON), 1 - EPSILON);
    sum -= weight * Math.log(p);
    weights += weight;
  }
  return sum / weights;
}

function computeRegressionFigures(
  targets: ArrayLike<number>,
  outputs: Float32Array,
  loss: RegressionLoss,
  scaling: TargetScaling,
): ValidationFigures {
  let lossSum = 0;
  let squares = 0;
  for (let i = 0; i < targets.length; i += 1) {
    const output = outputs[i] ?? 0;
    const target = targets[i] ?? 0;
    const standardError = Math.abs((target - scaling.mean) / scaling.std - output);
    lossSum += loss.kind === 'mse' ? standardError ** 2 : computeHuber(standardError, loss.delta);
    squares += (target - (output * scaling.std + scaling.mean)) ** 2;
  }
  return { valLoss: lossSum / targets.length, valRmse: Math.sqrt(squares / targets.length) };
}

function computeHuber(error: number, delta: number): number {
  const quadratic = Math.min(error, delta);
  return 0.5 * quadratic ** 2 + delta * (error - quadratic);
}
