import { existsSync } from 'node:fs';
import type { ModelFeedSpec } from '@modelship/features';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { createOnnxFeeds } from './create-onnx-feeds.js';
import { EvaluationError } from './evaluation-error.js';

/** A model's whole first output, row-major: `width` numbers per row. */
export interface OnnxOutput {
  values: Float32Array;
  width: number;
}

/**
 * Runs model.onnx over a feature matrix in one session and returns its first output whole:
 * [N, K] class probabilities for multiclass, [N, 1] values for regression. `spec` is the
 * bundle's feature spec that made the matrix: an imported model's spec turns it into the
 * model's named inputs; without one (or for the kit's own models) it is the one float32 input.
 * @throws EvaluationError when the file is missing or the model rejects the features
 */
export async function runOnnxModel(
  modelPath: string,
  features: FeatureMatrix,
  spec?: ModelFeedSpec,
): Promise<OnnxOutput> {
  if (!existsSync(modelPath)) {
    throw new EvaluationError('E_EVAL_MODEL', `${modelPath} not found: run \`modelship train\` to export the model.`, modelPath);
  }
  // Loaded lazily so commands that never score rows do not load the native runtime.
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(modelPath);
  try {
    let results: Awaited<ReturnType<typeof session.run>>;
    try {
      results = await session.run(await createOnnxFeeds(spec, features, session.inputNames[0] ?? 'features'));
    } catch (error) {
      throw new EvaluationError(
        'E_EVAL_MODEL',
        `${modelPath} rejected a [${features.rows}, ${features.columns}] feature batch (${(error as Error).message.replace(/\s+/g, ' ')}); the features and the bundle must come from the same \`modelship train\` run.`,
        features.columns,
        { cause: error },
      );
    }
    const output = results[session.outputNames[0] ?? ''];
    if (!output) throw new EvaluationError('E_EVAL_MODEL', `${modelPath} answered no output.`, modelPath);
    const width = output.dims.length === 2 ? Number(output.dims[1]) : 1;
    return { values: Float32Array.from(output.data as Float32Array), width };
  } finally {
    await session.release();
  }
}
