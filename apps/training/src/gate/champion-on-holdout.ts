import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { assertFeatureSpec, transformRows, type RawRow } from '@modelship/features';
import { evaluatePredictions } from '../evaluate/evaluate-predictions.js';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';

/** The rows the challenger was evaluated on: raw (each model applies its own feature spec). */
export interface Holdout {
  rows: readonly Readonly<Record<string, unknown>>[];
  labels: Uint8Array;
  /** params.yaml `evaluate.threshold`, for the threshold metrics. */
  threshold: number;
}

/**
 * Scores a bundle's model.onnx on the challenger's holdout, through the bundle's own feature
 * spec, so champion and challenger are measured on the same rows by the same code.
 * @throws FeatureError when the holdout lacks a column the champion needs (the schema changed)
 */
export async function evaluateOnHoldout(
  bundleDir: string,
  holdout: Holdout,
): Promise<Record<string, number>> {
  const spec: unknown = JSON.parse(readFileSync(join(bundleDir, BUNDLE_FILES.featureSpec), 'utf8'));
  assertFeatureSpec(spec);
  // The rows come from the dataset loader: CSV texts and nulls, the values RawRow allows.
  const matrix = transformRows(spec, holdout.rows as readonly RawRow[]);
  const probabilities = await predictWithOnnx(join(bundleDir, BUNDLE_FILES.onnx), {
    rows: matrix.rows,
    columns: matrix.width,
    values: matrix.data,
  });
  const { metrics } = evaluatePredictions(holdout.labels, probabilities, {
    threshold: holdout.threshold,
  });
  return { ...metrics };
}
