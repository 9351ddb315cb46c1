import { writeFile } from 'node:fs/promises';
import type { FeatureSpec } from '@modelship/features';
import type { ModelType } from '../train/model-family.js';
import type { OnnxHead } from './build-onnx-model.js';
import { buildOnnxModel } from './build-onnx-model.js';
import type { DenseLayer } from './extract-dense-layers.js';

/** The family's name in the model's doc string. */
const FAMILY_NAMES: Readonly<Record<ModelType, string>> = {
  mlp: 'MLP',
  linear: 'linear model',
  gbdt: 'gradient-boosted trees',
};

const ANSWERS: Readonly<Record<OnnxHead['task'], string>> = {
  binary: 'probability of the positive class (float32 [N, 1])',
  multiclass: 'probabilities of each class, in the vocabulary order (float32 [N, K])',
  regression: "value in the target's own units (float32 [N, 1])",
};

export interface WriteOnnxModelOptions {
  /** Binary unless said otherwise. */
  head?: OnnxHead;
  /** The family that trained the layers, recorded as `model_type` in the metadata. */
  modelType: ModelType;
}

/**
 * Writes a chain of dense layers (a network's, or a linear model's single one) as `model.onnx`,
 * with the feature names and the family in its metadata (and, for multiclass and regression, the
 * task and the target's scaling). Returns the file's size in bytes.
 */
export async function writeOnnxModel(
  layers: readonly DenseLayer[],
  spec: FeatureSpec,
  file: string,
  { head = { task: 'binary' }, modelType }: WriteOnnxModelOptions,
): Promise<number> {
  const bytes = buildOnnxModel(layers, {
    head,
    graphName: `modelship_${modelType}`,
    docString: `modelship ${FAMILY_NAMES[modelType]}: features (float32 [N, width]) -> ${ANSWERS[head.task]}`,
    metadata: {
      feature_names: JSON.stringify(spec.featureNames),
      feature_spec_version: String(spec.specVersion),
      model_type: modelType,
      // A binary model has no task key, as before tasks existed (readers default to binary).
      ...(head.task === 'binary' ? {} : { task: head.task }),
      ...(head.task === 'regression'
        ? { target_mean: String(head.scaling.mean), target_std: String(head.scaling.std) }
        : {}),
    },
  });
  await writeFile(file, bytes);
  return bytes.byteLength;
}
