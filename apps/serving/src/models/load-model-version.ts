import type { DatasetSchema } from '@modelship/data-validation';
import { DATASET_SCHEMA_VERSION } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { assertFeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, getBundleTask, loadBundleJson } from '@modelship/model-bundle';
import type { BatchingOptions, RejectReason } from '../inference/inference-pool.js';
import { InferencePool } from '../inference/inference-pool.js';
import { ModelLoadError } from './model-load-error.js';
import { ModelVersion } from './model-version.js';
import { verifyServedBundle } from './verify-served-bundle.js';

export interface LoadModelOptions {
  variant: string;
  stage: string;
  workers: number;
  maxQueue: number;
  /** Dynamic batching (config.batching); null or absent: off. */
  batching?: BatchingOptions | null;
  /** Counts callers refused or dropped by the queue (modelship_requests_rejected_total). */
  onRejected?: (reason: RejectReason) => void;
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
  const { metadata, modelPath } = await verifyServedBundle(dir);
  const task = getBundleTask(metadata);
  if (task !== 'binary') {
    // Answers, V2 outputs and feedback are binary-shaped today; a wrong-shaped answer is worse than none.
    throw new ModelLoadError(
      'E_MODEL_TASK',
      `${dir}: serving a ${task} model is not supported yet; this version serves binary models only (the bundle's metadata.json declares task "${task}").`,
    );
  }
  const featureSpec = await loadBundleJson<FeatureSpec>(dir, BUNDLE_FILES.featureSpec);
  assertFeatureSpec(featureSpec);
  const inputSchema = await loadBundleJson<DatasetSchema>(dir, BUNDLE_FILES.inputSchema, {
    versionField: 'schemaVersion',
    maxVersion: DATASET_SCHEMA_VERSION,
  });
  const pool = await InferencePool.start({
    modelPath,
    workers: options.workers,
    maxQueue: options.maxQueue,
    batching: options.batching,
    onRejected: options.onRejected,
  });
  const { inputWidth } = pool.input;
  if (inputWidth !== null && inputWidth !== featureSpec.width) {
    await pool.close();
    throw new ModelLoadError(
      'E_MODEL_WIDTH',
      `${modelPath} takes ${inputWidth} features but the feature spec makes ${featureSpec.width}; the bundle is inconsistent, retrain it.`,
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
