import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';
import type { EvaluateModelResult } from './evaluate-model.js';
import { evaluateModel } from './evaluate-model.js';
import type { StepContext } from './step-context.js';

/**
 * Evaluates the bundle's exported model.onnx (the artifact serving runs, not the tfjs model that
 * produced it) and the baselines on the test split.
 */
export async function evaluateBundle(
  ctx: StepContext,
  bundleDir: string,
  inputs: EvaluationInputs,
): Promise<EvaluateModelResult> {
  const probabilities = await predictWithOnnx(
    join(bundleDir, BUNDLE_FILES.onnx),
    inputs.test.features,
  );
  return evaluateModel(ctx, {
    bundleDir,
    test: { ...inputs.test, probabilities },
    baselineInput: inputs.train,
  });
}
