import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { assertFeatureSpec, transformRows } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import type { EvaluationInputs } from './evaluation-inputs.js';

/** What a bundle's model.onnx is run on: the feature matrix, and the spec that made it. */
export interface ModelFeatures {
  features: FeatureMatrix;
  /** The bundle's feature spec when the model takes named raw inputs (an imported model). */
  spec?: FeatureSpec;
}

/**
 * The test split as the bundle's model takes it. The kit's own models take the transformed
 * features the evaluation inputs carry (which the baselines learn from too); an imported model
 * takes its raw columns, so its matrix is made from the raw test rows by its own feature spec.
 */
export function readModelFeatures(bundleDir: string, inputs: EvaluationInputs): ModelFeatures {
  const file = join(bundleDir, BUNDLE_FILES.featureSpec);
  if (!existsSync(file)) return { features: inputs.test.features };
  const spec: unknown = JSON.parse(readFileSync(file, 'utf8'));
  assertFeatureSpec(spec);
  if (!spec.modelInputs) return { features: inputs.test.features };
  const matrix = transformRows(spec, inputs.test.rows as readonly RawRow[]);
  return { features: { rows: matrix.rows, columns: matrix.width, values: matrix.data }, spec };
}
