import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';
import { readModelFeatures } from '../evaluate/read-model-features.js';
import type { EvaluateModelResult } from './evaluate-model.js';
import { evaluateModel } from './evaluate-model.js';
import type { StepContext } from './step-context.js';

/**
 * Evaluates the bundle's exported model.onnx (the artifact serving runs, not the tfjs model that
 * produced it) and the baselines on the test split. The baselines learn from the kit's
 * transformed features even when the model is an imported one taking raw columns.
 */
export async function evaluateBundle(
  ctx: StepContext,
  bundleDir: string,
  inputs: EvaluationInputs,
): Promise<EvaluateModelResult> {
  const { features, spec } = readModelFeatures(bundleDir, inputs);
  const probabilities = await predictWithOnnx(join(bundleDir, BUNDLE_FILES.onnx), features, spec);
  return evaluateModel(ctx, {
    bundleDir,
    test: { ...inputs.test, probabilities },
    baselineInput: inputs.train,
  });
}
