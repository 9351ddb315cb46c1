import { writeFile } from 'node:fs/promises';
import type { LayersModel } from '@tensorflow/tfjs';
import type { FeatureSpec } from '@modelship/features';
import { buildOnnxModel } from './build-onnx-model.js';
import { extractDenseLayers } from './extract-dense-layers.js';

/** Writes the trained network as `model.onnx`, with the feature names in its metadata. */
export async function exportOnnxModel(
  model: LayersModel,
  spec: FeatureSpec,
  file: string,
): Promise<number> {
  const bytes = buildOnnxModel(extractDenseLayers(model), {
    docString:
      'modelship MLP: features (float32 [N, width]) -> probability of the positive class (float32 [N, 1])',
    metadata: {
      feature_names: JSON.stringify(spec.featureNames),
      feature_spec_version: String(spec.specVersion),
    },
  });
  await writeFile(file, bytes);
  return bytes.byteLength;
}
