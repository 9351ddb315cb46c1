import { join } from 'node:path';
import type { RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';
import type { AcceptedBundle } from './read-accepted-bundle.js';

/**
 * The bundle's own answer for each instance, computed here the way the service computes it: the
 * feature spec's transform of the raw instance, then model.onnx on onnxruntime-node.
 */
export async function predictOffline(
  bundle: AcceptedBundle,
  instances: readonly RawRow[],
): Promise<Float32Array> {
  const matrix = transformRows(bundle.featureSpec, instances);
  return predictWithOnnx(join(bundle.dir, BUNDLE_FILES.onnx), {
    rows: matrix.rows,
    columns: matrix.width,
    values: matrix.data,
  });
}

/** A holdout row as a request instance: only the columns the service accepts (no target). */
export function toInstance(row: RawRow, columns: ReadonlySet<string>): RawRow {
  return Object.fromEntries(Object.entries(row).filter(([key]) => columns.has(key)));
}
