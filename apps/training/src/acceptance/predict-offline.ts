import { join } from 'node:path';
import type { RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';
import type { OnnxOutput } from '../evaluate/run-onnx-model.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import type { AcceptedBundle } from './read-accepted-bundle.js';

/**
 * The bundle's own answer for each instance, computed here the way the service computes it: the
 * feature spec's transform of the raw instance (and an imported model's named inputs), then
 * model.onnx on onnxruntime-node. Binary: the
 * positive probability; multiclass: K probabilities per row; regression: the value.
 */
export async function predictOffline(bundle: AcceptedBundle, instances: readonly RawRow[]): Promise<OnnxOutput> {
  const matrix = transformRows(bundle.featureSpec, instances);
  const features = { rows: matrix.rows, columns: matrix.width, values: matrix.data };
  const model = join(bundle.dir, BUNDLE_FILES.onnx);
  if (bundle.task === 'binary') return { values: await predictWithOnnx(model, features, bundle.featureSpec), width: 1 };
  return runOnnxModel(model, features, bundle.featureSpec);
}

/** A holdout row as a request instance: only the columns the service accepts (no target). */
export function toInstance(row: RawRow, columns: ReadonlySet<string>): RawRow {
  return Object.fromEntries(Object.entries(row).filter(([key]) => columns.has(key)));
}
