import { DEFAULT_PATHS } from '@modelship/params';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import type { ImportModelOptions, ImportModelOutput } from '../import/import-model.js';
import { importModel } from '../import/import-model.js';
import type { QuickStartStep } from './start.js';
import { defineQuickStartStep } from './start.js';
import type { StepContext } from './step-context.js';
import { defineBundleSteps } from './train-pipeline.js';

export interface ImportStepsOptions extends ImportModelOptions {
  /** Gate the model against production and register it when it passes. */
  register?: boolean;
}

/**
 * `modelship import` as steps, in one process: import (the bundle, with the rewrite proved),
 * evaluate (metrics, plots, card) and, with `register`, gate and register, exactly the steps
 * `modelship start` runs after training.
 */
export function defineImportSteps(options: ImportStepsOptions): QuickStartStep[] {
  let imported: ImportModelOutput | undefined;
  const output = (): ImportModelOutput => {
    if (!imported) throw new Error('the import step has not run');
    return imported;
  };
  const after = defineBundleSteps({
    bundle: options.bundleDir ?? DEFAULT_PATHS.bundle,
    output,
    context: () => output().ctx,
  });
  const importStep = defineQuickStartStep(
    'import',
    async (ctx: StepContext) => {
      imported = await importModel(ctx, options);
      await finalizeModelBundle(imported.ctx, imported.bundleDir);
      return imported;
    },
    summarizeImport,
  );
  return [importStep, after.evaluate, ...(options.register ? [after.gate, after.register] : [])];
}

// --- internal ---

// "model.onnx (skl2onnx 1.16.0): 2 rewrites, proved on 5,000 rows".
function summarizeImport({ result }: ImportModelOutput): string {
  if (result.model.type !== 'imported') return `${result.rows} rows`;
  const { file, producer, rewrites, proofRows } = result.model;
  const changed =
    rewrites.length === 0
      ? 'no rewrite'
      : `${rewrites.length} rewrite${rewrites.length === 1 ? '' : 's'}`;
  return `${file} (${producer}): ${changed}, proved on ${proofRows.toLocaleString('en-US')} rows`;
}
