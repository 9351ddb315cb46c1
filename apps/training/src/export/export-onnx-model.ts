import { writeFile } from 'node:fs/promises';
import type { LayersModel } from '@tensorflow/tfjs';
import type { FeatureSpec } from '@modelship/features';
import type { OnnxHead } from './build-onnx-model.js';
import { buildOnnxModel } from './build-onnx-model.js';
import { extractDenseLayers } from './extract-dense-layers.js';

const DOC_STRINGS: Record<OnnxHead['task'], string> = {
  binary:
    'modelship MLP: features (float32 [N, width]) -> probability of the positive class (float32 [N, 1])',
  multiclass:
    'modelship MLP: features (float32 [N, width]) -> probabilities of each class, in the vocabulary order (float32 [N, K])',
  regression:
    "modelship MLP: features (float32 [N, width]) -> value in the target's own units (float32 [N, 1])",
};

/**
 * Writes the trained network as `model.onnx`, with the feature names in its metadata (and, for
 * multiclass and regression, the task and the target's scaling). Binary unless said otherwise.
 */
export async function exportOnnxModel(
  model: LayersModel,
  spec: FeatureSpec,
  file: string,
  head: OnnxHead = { task: 'binary' },
): Promise<number> {
  const bytes = buildOnnxModel(extractDenseLayers(model), {
    head,
    docString: DOC_STRINGS[head.task],
    metadata: {
      feature_names: JSON.stringify(spec.featureNames),
      feature_spec_version: String(spec.specVersion),
      // The binary file stays byte for byte what it was before tasks existed.
      ...(head.task === 'binary' ? {} : { task: head.task }),
      ...(head.task === 'regression'
        ? { target_mean: String(head.scaling.mean), target_std: String(head.scaling.std) }
        : {}),
    },
  });
  await writeFile(file, bytes);
  return bytes.byteLength;
}
