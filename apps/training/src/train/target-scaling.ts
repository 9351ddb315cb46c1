/**
 * How the regression target was standardised for training: the network learns
 * `(y - mean) / std`, and its answers are turned back into the target's units as
 * `output * std + mean` (inside the ONNX graph, so the bundle answers in the target's units).
 */
export interface TargetScaling {
  mean: number;
  std: number;
}

/**
 * The mean and (population) standard deviation of the training split's target.
 * @throws Error when the target is empty, not finite on some row, or constant
 */
export function fitTargetScaling(values: ArrayLike<number>): TargetScaling {
  const rows = values.length;
  if (rows === 0) throw new Error('Cannot standardise an empty regression target.');
  let sum = 0;
  for (let i = 0; i < rows; i += 1) {
    const value = values[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      throw new Error(
        `The regression target is not a finite number on training row ${i}: ${value}.`,
      );
    }
    sum += value;
  }
  const mean = sum / rows;
  let squares = 0;
  for (let i = 0; i < rows; i += 1) squares += ((values[i] ?? 0) - mean) ** 2;
  const std = Math.sqrt(squares / rows);
  if (!(std > 0)) {
    throw new Error(
      `The regression target takes one value (${mean}) on every training row; there is nothing to learn.`,
    );
  }
  return { mean, std };
}

/** The target in standard units, `(y - mean) / std`, as training feeds it to the network. */
export function standardizeTarget(values: ArrayLike<number>, scaling: TargetScaling): Float32Array {
  return Float32Array.from(values, (value) => (value - scaling.mean) / scaling.std);
}

/** Network outputs (standard units) back in the target's units, in float64. */
export function restoreTargetUnits(
  outputs: ArrayLike<number>,
  scaling: TargetScaling,
): Float64Array {
  return Float64Array.from(outputs, (value) => value * scaling.std + scaling.mean);
}
