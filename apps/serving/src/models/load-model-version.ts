import type { DatasetSchema } from '@modelship/data-validation';
import { DATASET_SCHEMA_VERSION } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { assertFeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, getBundleTask, loadBundleJson } from '@modelship/model-bundle';
import type { BatchingOptions, RejectReason } from '../inference/inference-pool.js';
import { InferencePool } from '../inference/inference-pool.js';
import { checkModelInputs } from './check-model-inputs.js';
import { checkModelOutput } from './check-model-output.js';
import { ModelLoadError } from './model-load-error.js';
import { ModelVersion } from './model-version.js';
import { TFJS_MODEL_JSON, verifyServedBundle } from './verify-served-bundle.js';

export interface LoadModelOptions {
  variant: string;
  stage: string;
  workers: number;
  maxQueue: number;
  /** INLINE_MAX_MS: the longest an inline run may hold the event loop; 0 or absent: workers only. */
  inlineMaxMs?: number;
  /** Dynamic batching (config.batching); null or absent: off. */
  batching?: BatchingOptions | null;
  /** Counts callers refused or dropped by the queue (modelship_requests_rejected_total). */
  onRejected?: (reason: RejectReason) => void;
}

/**
 * Verifies a bundle folder (every file's size and sha256 against metadata.json), reads its
 * feature spec and input schema, starts its inference workers, and checks that the model's
 * inputs fit the feature spec (an imported model's bindings included) and its output the
 * bundle's task. Nothing is loaded, and no worker
 * started, unless verification passes first.
 */
export async function loadModelVersion(
  dir: string,
  options: LoadModelOptions,
): Promise<ModelVersion> {
  const { metadata, modelPath } = await verifyServedBundle(dir);
  const task = getBundleTask(metadata);
  if (task === 'regression' && modelPath.endsWith(TFJS_MODEL_JSON)) {
    // The tfjs network answers in standard units: the target's scaling lives in model.onnx only.
    throw new ModelLoadError(
      'E_MODEL_RUNTIME',
      `${dir}: a regression bundle is served from model.onnx, which holds the target's scaling; this bundle has only ${TFJS_MODEL_JSON}. Retrain it with \`modelship train\`, which writes both.`,
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
    task,
    feedSpec: featureSpec,
    workers: options.workers,
    maxQueue: options.maxQueue,
    batching: options.batching,
    onRejected: options.onRejected,
    inlineMaxMs: options.inlineMaxMs,
  });
  const model = new ModelVersion({
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
  try {
    checkModelInputs(featureSpec, modelPath, pool.signature);
    checkModelOutput(model, modelPath, pool.signature);
  } catch (error) {
    await pool.close();
    throw error;
  }
  return model;
}
