import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { TrainingPredictions } from '../data/compute-training-reference-stats.js';
import { computeTrainingReferenceStats } from '../data/compute-training-reference-stats.js';

/** What a new bundle folder starts with, whoever made the model (trained or imported). */
export interface BundleInputs {
  schema: DatasetSchema;
  spec: FeatureSpec;
  /** The target column, left out of the input schema. */
  target: string;
  /** The training split, raw, with the model's answers on it (the reference for drift). */
  trainRows: readonly RawRow[];
  predictions: TrainingPredictions;
  /** params.yaml `drift.bins`. */
  bins: number;
}

/**
 * Empties the bundle folder, then writes feature-spec.json, input-schema.json and
 * reference-stats.json into it.
 */
export async function writeBundleInputs(bundleDir: string, inputs: BundleInputs): Promise<void> {
  // A stale file from an earlier run must never end up beside a new model.
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  const { schema, spec, target } = inputs;
  // Every column but the target: serving takes a row of the user's CSV as it is, id and ignored
  // columns included (accepted, never used: the feature spec reads the features only).
  const columns = schema.columns.filter((c) => c.role !== 'target' && c.name !== target);
  await writeJson(join(bundleDir, BUNDLE_FILES.featureSpec), spec);
  await writeJson(join(bundleDir, BUNDLE_FILES.inputSchema), { ...schema, columns });
  const stats = await computeTrainingReferenceStats(
    inputs.trainRows,
    schema,
    inputs.bins,
    inputs.predictions,
  );
  await writeJson(join(bundleDir, BUNDLE_FILES.referenceStats), stats);
}

/** A JSON file as every bundle file is written: two-space indent, a final newline. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
