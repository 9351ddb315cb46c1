// Test fixture: generated datasets for the multiclass and regression heads, unlike the sample in
// width, class count and target scale, split 60/20/20 and ready to train on.
import { createSeededRandom } from '@modelship/core';
import type { ModelParams } from '../model-params.js';
import type { LabelledMatrix, TargetValues } from '../train-network.js';

export interface TaskMatrices<Y extends TargetValues> {
  train: LabelledMatrix<Y>;
  validation: LabelledMatrix<Y>;
  test: LabelledMatrix<Y>;
}

/**
 * `classes` Gaussian clusters in `width` dimensions with unequal shares (class k holds a share
 * proportional to k + 1), so the majority class is a baseline worth beating.
 */
export function generateMulticlassMatrices(options: {
  classes: number;
  rows: number;
  width: number;
  seed: number;
}): TaskMatrices<Uint8Array> {
  const { classes, rows, width } = options;
  const random = createSeededRandom(options.seed);
  const gaussian = createGaussian(random);
  const centres = Array.from({ length: classes }, () =>
    Array.from({ length: width }, () => 4 * random() - 2),
  );
  const total = (classes * (classes + 1)) / 2;
  const x = new Float32Array(rows * width);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    let draw = random() * total;
    let label = 0;
    while (label < classes - 1 && draw >= label + 1) {
      draw -= label + 1;
      label += 1;
    }
    y[i] = label;
    for (let j = 0; j < width; j += 1)
      x[i * width + j] = (centres[label]?.[j] ?? 0) + 0.8 * gaussian();
  }
  return splitMatrices(x, y, rows, width);
}

/**
 * A non-linear target far from zero (around `offset`, spread by `scale`), as prices are:
 * a network fed it unscaled would not learn in a few epochs.
 */
export function generateRegressionMatrices(options: {
  rows: number;
  width: number;
  seed: number;
  offset: number;
  scale: number;
}): TaskMatrices<Float64Array> {
  const { rows, width, offset, scale } = options;
  const random = createSeededRandom(options.seed);
  const gaussian = createGaussian(random);
  const x = new Float32Array(rows * width);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < width; j += 1) x[i * width + j] = gaussian();
    const [a = 0, b = 0, c = 0, d = 0] = x.subarray(i * width, i * width + 4);
    y[i] = offset + scale * (Math.sin(a) + 0.5 * b * c + d + 0.1 * gaussian());
  }
  return splitMatrices(x, y, rows, width);
}

/** The standard deviation of a target (population), the RMSE of always answering the mean. */
export function computeStandardDeviation(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i] ?? 0;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i += 1) squares += ((values[i] ?? 0) - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/** Small, quick hyper-parameters for the head specs. */
export const HEAD_TEST_PARAMS: ModelParams = {
  name: 'heads',
  hiddenUnits: [16, 8],
  activation: 'relu',
  dropout: 0,
  l2: 0,
  learningRate: 0.02,
  epochs: 10,
  batchSize: 128,
  earlyStoppingPatience: 0,
  classWeight: 'balanced',
  seed: 7,
  minCategoryCount: 5,
  maxCategories: 50,
};

// --- internal ---

function createGaussian(random: () => number): () => number {
  // Box-Muller; 1 - u keeps the logarithm's argument above zero.
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function splitMatrices<Y extends Uint8Array | Float64Array>(
  x: Float32Array,
  y: Y,
  rows: number,
  width: number,
): TaskMatrices<Y> {
  const take = (from: number, to: number): LabelledMatrix<Y> => ({
    x: x.slice(from * width, to * width),
    y: y.slice(from, to) as Y,
    rows: to - from,
    width,
  });
  const trainEnd = Math.round(rows * 0.6);
  const validationEnd = Math.round(rows * 0.8);
  return {
    train: take(0, trainEnd),
    validation: take(trainEnd, validationEnd),
    test: take(validationEnd, rows),
  };
}
