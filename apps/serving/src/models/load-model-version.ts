import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import { DATASET_SCHEMA_VERSION } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { assertFeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, loadBundleJson, verifyBundle } from '@modelship/model-bundle';
import { InferencePool } from '../inference/inference-pool.js';
import { ModelLoadError } from './model-load-error.js';
import { ModelVersion } from './model-version.js';

export interface LoadModelOptions {
  variant: string;
  stage: string;
  workers: number;
  maxQueue: number;
}

/**
 * Verifies a bundle folder (every file's size and sha256 against metadata.json), reads its
 * feature spec and input schema, and starts its inference workers. Nothing is loaded, and no
 * worker started, unless verification passes first.
 */
export async function loadModelVersion(
  dir: string,
  options: LoadModelOptions,
): Promise<ModelVersion> {
  const metadata = await verifyBundle(dir);
  const featureSpec = await loadBundleJson<FeatureSpec>(dir, BUNDLE_FILES.featureSpec);
  assertFeatureSpec(featureSpec);
  const inputSchema = await loadBundleJson<DatasetSchema>(dir, BUNDLE_FILES.inputSchema, {
    versionField: 'schemaVersion',
    maxVersion: DATASET_SCHEMA_VERSION,
  });
  const pool = await InferencePool.start({
    modelPath: join(dir, BUNDLE_FILES.onnx),
    workers: options.workers,
    maxQueue: options.maxQueue,
  });
  const { inputWidth } = pool.input;
  if (inputWidth !== null && inputWidth !== featureSpec.width) {
    await pool.close();
    throw new ModelLoadError(
      'E_MODEL_WIDTH',
      `${join(dir, BUNDLE_FILES.onnx)} takes ${inputWidth} features but the feature spec makes ${featureSpec.width}; the bundle is inconsistent, retrain it.`,
    );
  }
  return new ModelVersion({
    key: {
      name: metadata.name,
      version: metadata.version === null ? 'unregistered' : String(metadata.version),
      variant: options.variant,
    },
    stage: options.stage,
    dir,
    metadata,
    featureSpec,
    inputSchema,
    pool,
  });
}
