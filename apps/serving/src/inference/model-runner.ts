/** One loaded model inside an inference worker: scores row-major float32 feature matrices. */
export interface ModelRunner {
  /** Name of the model's input tensor (V2 infer accepts it as one FP32 [N, width] input). */
  inputName: string;
  outputName: string;
  /** Width of the input vector the model declares, or null when it does not say. */
  inputWidth: number | null;
  /** Positive-class probabilities, one per row. */
  run(data: Float32Array, rows: number): Promise<Float32Array>;
}

/**
 * The positive class of an output holding [n], [n, 1] (a sigmoid) or [n, 2] (a softmax: the
 * positive class is the last column) values.
 */
export function readPositiveClass(
  values: ArrayLike<number>,
  dims: readonly number[],
  rows: number,
): Float32Array {
  const width = dims.length === 2 ? Number(dims[1]) : 1;
  if (width !== 1 && width !== 2) {
    throw new Error(`output has shape [${dims.join(', ')}]; expected [n, 1] or [n, 2]`);
  }
  const probabilities = new Float32Array(rows);
  for (let row = 0; row < rows; row++) probabilities[row] = values[row * width + width - 1];
  return probabilities;
}
