import type { LayersModel } from '@tensorflow/tfjs';
import type { FeatureSpec } from '@modelship/features';
import type { OnnxHead } from './build-onnx-model.js';
import { extractDenseLayers } from './extract-dense-layers.js';
import { writeOnnxModel } from './write-onnx-model.js';

/**
 * Writes the trained network as `model.onnx` (`model_type: mlp` in its metadata, with the feature
 * names, and for multiclass and regression the task and the target's scaling). Binary unless
 * said otherwise.
 */
export async function exportOnnxModel(
  model: LayersModel,
  spec: FeatureSpec,
  file: string,
  head: OnnxHead = { task: 'binary' },
): Promise<number> {
  return writeOnnxModel(extractDenseLayers(model), spec, file, { head, modelType: 'mlp' });
}
