import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { assertFeatureSpec } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, getBundleTask, readBundleMetadata } from '@modelship/model-bundle';
import { AcceptanceError } from './acceptance-error.js';

/** What acceptance needs from a bundle: who it is, how it transforms rows, what it measured. */
export interface AcceptedBundle {
  dir: string;
  metadata: BundleMetadata;
  featureSpec: FeatureSpec;
  /** The columns a request instance may carry (the input schema's, minus the target). */
  instanceColumns: ReadonlySet<string>;
  task: Task;
  /** The class vocabulary in the model's output order (binary `[negative, positive]`); regression none. */
  classes: readonly string[];
  /** metrics.json: headline metrics at the top level (binary: `threshold` among them). */
  metrics: Record<string, unknown>;
  /** Binary: the threshold the metrics were measured at; NaN for the other tasks. */
  threshold: number;
}

/** Reads and checks the bundle's metadata, feature spec, input schema and metrics.json. */
export async function readAcceptedBundle(dir: string): Promise<AcceptedBundle> {
  let metadata: BundleMetadata;
  try {
    metadata = await readBundleMetadata(dir);
  } catch (error) {
    throw new AcceptanceError(
      'E_ACCEPT_BUNDLE',
      `${dir} is not a model bundle (${(error as Error).message}); pass --bundle <a trained bundle folder>.`,
      { cause: error },
    );
  }
  const featureSpec = readJson(dir, BUNDLE_FILES.featureSpec) as unknown;
  assertFeatureSpec(featureSpec);
  const schema = readJson(dir, BUNDLE_FILES.inputSchema) as DatasetSchema;
  const metrics = readJson(dir, BUNDLE_FILES.metrics) as Record<string, unknown>;
  const task = getBundleTask(metadata);
  const threshold = task === 'binary' ? metrics['threshold'] : Number.NaN;
  if (typeof threshold !== 'number') {
    throw new AcceptanceError(
      'E_ACCEPT_BUNDLE',
      `${join(dir, BUNDLE_FILES.metrics)} has no numeric \`threshold\`; run \`modelship evaluate\` on the bundle.`,
    );
  }
  const target = schema.target?.column ?? metadata.target.column;
  const instanceColumns = new Set(
    schema.columns
      .filter((column) => column.role !== 'target' && column.name !== target)
      .map((column) => column.name),
  );
  // Bundles from before class vocabularies answer 0 and 1.
  const classes = metadata.target.classes ?? (task === 'binary' ? ['0', '1'] : []);
  return { dir, metadata, featureSpec, instanceColumns, task, classes, metrics, threshold };
}

function readJson(dir: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    throw new AcceptanceError(
      'E_ACCEPT_BUNDLE',
      `${join(dir, file)} could not be read (${(error as Error).message}).`,
      { cause: error },
    );
  }
}
