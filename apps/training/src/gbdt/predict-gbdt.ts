import { softmax } from './gbdt-loss.js';
import type { GbdtModel } from './gbdt-model.js';

/**
 * The raw scores (before the sigmoid or softmax) of row-major float32 rows, [rows, outputs]
 * row-major: the base score plus every tree's leaf, summed in float64 as onnxruntime does with
 * double thresholds and weights.
 */
export function predictGbdtScores(model: GbdtModel, x: Float32Array, rows: number): Float64Array {
  const { width, outputs, baseScore, trees } = model;
  if (x.length !== rows * width) {
    throw new Error(
      `Expected ${rows} rows of ${width} features (${rows * width} values), got ${x.length}.`,
    );
  }
  const scores = new Float64Array(rows * outputs);
  for (let i = 0; i < rows; i += 1) scores.set(baseScore, i * outputs);
  for (const tree of trees) {
    const { feature, threshold, missingLeft, left, right, value, target } = tree;
    for (let i = 0; i < rows; i += 1) {
      const offset = i * width;
      let node = 0;
      let f = feature[0] as number;
      while (f >= 0) {
        const v = x[offset + f] as number;
        const goesLeft = v !== v ? missingLeft[node] === 1 : v <= (threshold[node] as number);
        node = (goesLeft ? left[node] : right[node]) as number;
        f = feature[node] as number;
      }
      scores[i * outputs + target] += value[node] as number;
    }
  }
  return scores;
}

/**
 * Answers as the exported model.onnx does: binary P(positive) per row, multiclass the K class
 * probabilities per row (row-major), regression the value.
 */
export function predictGbdt(model: GbdtModel, x: Float32Array, rows: number): Float32Array {
  const scores = predictGbdtScores(model, x, rows);
  const { head, outputs } = model;
  if (head.task === 'regression') return Float32Array.from(scores);
  if (head.task === 'binary') {
    // The graph's Sigmoid reads the float32 score.
    return Float32Array.from(scores, (score) => 1 / (1 + Math.exp(-Math.fround(score))));
  }
  const probabilities = new Float32Array(rows * outputs);
  const rounded = Float32Array.from(scores);
  const row = new Float64Array(outputs);
  for (let i = 0; i < rows; i += 1) {
    softmax(rounded, i * outputs, outputs, row);
    probabilities.set(row, i * outputs);
  }
  return probabilities;
}
