import { ModelshipError } from '@modelship/core';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BundleMetadata, GateDecision } from '@modelship/model-bundle';
import { BUNDLE_FILES, BUNDLE_FORMAT_VERSION, finalizeBundle } from '@modelship/model-bundle';
import { readDataVersion } from '../report/read-data-version.js';
import type { StepContext } from '../steps/step-context.js';
import type { TrainResult } from '../steps/train-result.js';
import { readGitState } from './read-git-state.js';

const TRAIN_RESULT_FILE = 'train-result.json';

export class BundleIncompleteError extends ModelshipError {
  override readonly code = 'E_BUNDLE_INCOMPLETE';
}

/**
 * Writes the bundle's metadata.json from what the steps left in the folder (train-result.json,
 * metrics.json, gate.json) with the sha256 of every file. Each step that changes the bundle
 * calls it last, so a bundle on disk is always consistent with its own hashes.
 */
export async function finalizeModelBundle(
  ctx: StepContext,
  bundleDir: string,
): Promise<BundleMetadata> {
  const train = readJson<TrainResult>(bundleDir, TRAIN_RESULT_FILE);
  if (!train) {
    throw new BundleIncompleteError(
      `${join(bundleDir, TRAIN_RESULT_FILE)} not found: run \`modelship train\` to create the bundle first.`,
    );
  }
  const { params, root } = ctx;
  // An imported model was measured on the sample `modelship import` read, not params.yaml's data.
  const data = train.data
    ? { ...train.data, dvcFile: null }
    : readDataVersion(bundleDir, { root, path: params.data.path, dvc: params.data.dvc });
  const previous = readJson<Partial<BundleMetadata>>(bundleDir, BUNDLE_FILES.metadata);
  return finalizeBundle(bundleDir, {
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: params.model.name,
    version: null,
    // The bundle is the training run's: later steps keep its creation time.
    createdAt: previous?.createdAt ?? new Date().toISOString(),
    git: readGitState(root),
    data: {
      path: data.path,
      md5: data.md5 ?? 'untracked',
      dvcFile: data.dvcFile,
      rows: train.rows,
      ...('source' in data && data.source ? { source: data.source } : {}),
    },
    ...describeBundleTarget(train),
    params: {
      data: params.data,
      split: params.split,
      model: params.model,
      evaluate: params.evaluate,
      gate: params.gate,
    },
    metrics: readHeadlineMetrics(bundleDir),
    // Only the mlp trains on TensorFlow.js; the other families record `none`.
    backend: train.backend ?? 'none',
    libraries: { ...train.libraries, 'onnxruntime-node': readPackageVersion('onnxruntime-node') },
    gate: readGateDecision(bundleDir),
    ...(train.imported ? { imported: train.imported } : {}),
  });
}

// --- internal ---

// The class vocabulary is in the model's output order: binary [negative, positive].
function describeBundleTarget({ task, target }: TrainResult): Pick<BundleMetadata, 'task' | 'target'> {
  if (target.positive !== undefined) {
    const { column, positive, negative } = target;
    return { task: 'binary', target: { column, positive, classes: [negative, positive] } };
  }
  const { column, classes } = target;
  return { task: task ?? 'binary', target: classes ? { column, classes } : { column } };
}

function readJson<T>(dir: string, file: string): T | null {
  const path = join(dir, file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

// metrics.json keeps headline numbers at its top level (DVC's metrics format).
function readHeadlineMetrics(bundleDir: string): Record<string, number> {
  const metrics = readJson<Record<string, unknown>>(bundleDir, BUNDLE_FILES.metrics) ?? {};
  return Object.fromEntries(
    Object.entries(metrics).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

function readGateDecision(bundleDir: string): GateDecision | null {
  const gate = readJson<GateDecision & { production?: unknown }>(bundleDir, BUNDLE_FILES.gate);
  if (!gate) return null;
  return { passed: gate.passed, reasons: gate.reasons, comparedTo: gate.comparedTo ?? null };
}

function readPackageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
