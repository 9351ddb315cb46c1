import { existsSync } from 'node:fs';
import type { ModelFeedSpec } from '@modelship/features';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { createOnnxFeeds } from './create-onnx-feeds.js';
import { EvaluationError } from './evaluation-error.js';

const BATCH_ROWS = 4096;

/**
 * Runs a bundle's model.onnx over a feature matrix and returns the positive-class probability
 * per row. Accepts outputs shaped [n], [n, 1] (a sigmoid) or [n, 2] (a softmax). `spec` is the
 * bundle's feature spec that made the matrix, as for runOnnxModel.
 */
export async function predictWithOnnx(
  modelPath: string,
  features: FeatureMatrix,
  spec?: ModelFeedSpec,
): Promise<Float32Array> {
  if (!existsSync(modelPath)) {
    throw new EvaluationError(
      'E_EVAL_MODEL',
      `${modelPath} not found: run \`modelship train\` to export the model.`,
      modelPath,
    );
  }
  // Loaded lazily so commands that never score rows do not load the native runtime.
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelPath);
  const inputName = session.inputNames[0] ?? 'features';
  const outputName = session.outputNames[0];
  const probabilities = new Float32Array(features.rows);
  try {
    for (let start = 0; start < features.rows; start += BATCH_ROWS) {
      const rows = Math.min(BATCH_ROWS, features.rows - start);
      const data = Float32Array.from(
        { length: rows * features.columns },
        (_, i) => features.values[start * features.columns + i],
      );
      let results: Awaited<ReturnType<typeof session.run>>;
      try {
        results = await session.run(
          await createOnnxFeeds(spec, { rows, columns: features.columns, values: data }, inputName),
        );
      } catch (error) {
        throw new EvaluationError(
          'E_EVAL_MODEL',
          `${modelPath} rejected a [${rows}, ${features.columns}] feature batch (${(error as Error).message.replace(/\s+/g, ' ')}); the evaluation inputs and the bundle must come from the same \`modelship train\` run.`,
          features.columns,
          { cause: error },
        );
      }
      const output = results[outputName];
      const width = output.dims.length === 2 ? Number(output.dims[1]) : 1;
      if (width !== 1 && width !== 2) {
        throw new EvaluationError(
          'E_EVAL_MODEL',
          `${modelPath}: output ${outputName} has shape [${output.dims.join(', ')}]; expected [n, 1] or [n, 2] probabilities.`,
          output.dims,
        );
      }
      const values = output.data as Float32Array;
      for (let r = 0; r < rows; r++) probabilities[start + r] = values[r * width + width - 1];
    }
  } finally {
    await session.release();
  }
  return probabilities;
}
