import type { Task } from '@modelship/core';

/** One graph input or output as the runtime reads it from the model file. */
export interface ModelTensorInfo {
  name: string;
  /** onnxruntime's element type name (`float32`, `string`, `int64`...); null for a non-tensor. */
  type: string | null;
  /** Dimensions, a symbolic one as its name; null for a non-tensor. */
  shape: (number | string)[] | null;
}

/** One loaded model inside an inference worker: scores row-major float32 feature matrices. */
export interface ModelRunner {
  /** Name of the model's input tensor (V2 infer accepts it as one FP32 [N, width] input). */
  inputName: string;
  /** Name of the output it reads; the loader checks it is the task's (`ONNX_OUTPUTS`). */
  outputName: string;
  /** Width of the input vector the model declares, or null when it does not say. */
  inputWidth: number | null;
  /** Values per row the output declares (its last dimension), or null when it does not say. */
  outputWidth: number | null;
  /** Every graph input, so the loader can check an imported model's bindings against them. */
  inputs: ModelTensorInfo[];
  /** Every graph output: an imported model must have exactly the task's one. */
  outputs: ModelTensorInfo[];
  /**
   * Scores a row-major float32 matrix made by transformRows (the model's inputs are built from
   * it by buildModelFeeds). The task's output, row-major: binary the positive class's
   * probability per row, multiclass every class's probability ([rows x K]), regression the
   * value per row.
   */
  run(data: Float32Array, rows: number): Promise<Float32Array>;
}

/**
 * The task's output from a model's raw output tensor. Binary reads [n], [n, 1] (a sigmoid) or
 * [n, 2] (a softmax: the positive class is the last column) into one probability per row;
 * multiclass keeps every column of [n, K]; regression reads [n] or [n, 1].
 * @throws Error when the tensor's shape does not fit the task or the row count
 */
export function readTaskOutput(
  task: Task,
  values: ArrayLike<number>,
  dims: readonly number[],
  rows: number,
): Float32Array {
  const width = dims.length === 2 ? Number(dims[1]) : 1;
  const widths = task === 'binary' ? [1, 2] : task === 'regression' ? [1] : [width];
  if (dims.length > 2 || !widths.includes(width) || values.length !== rows * width) {
    throw new Error(
      `output has shape [${dims.join(', ')}] for ${rows} row(s); a ${task} model answers ${describeShape(task)}`,
    );
  }
  if (task === 'multiclass') return new Float32Array(values); // one copy, a memcpy for typed arrays
  // Binary and regression: one value per row, the last column (a softmax's positive class).
  const output = new Float32Array(rows);
  for (let row = 0; row < rows; row++) output[row] = values[row * width + width - 1];
  return output;
}

// --- internal ---

function describeShape(task: Task): string {
  if (task === 'binary') return '[n, 1] or [n, 2]';
  return task === 'multiclass' ? '[n, K]' : '[n, 1]';
}
