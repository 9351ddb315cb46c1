import type { Params } from '@modelship/params';
import type { StepContext } from '../../steps/step-context.js';

export interface ImportContextOptions {
  /** The model's registry name. */
  name: string;
  /** The gate section (defaults to ROC AUC with no margin). */
  gate?: Params['gate'];
  /** Extra params sections (task, drift, evaluate, registry...). */
  params?: Partial<Params>;
  /** Where the steps' log lines go (dropped by default). */
  log?: (line: string) => void;
}

/**
 * The step context an import test runs in: a workspace `root` whose params name no dataset
 * (an import takes its model, data and schema as options, never from params).
 */
export function createImportContext(root: string, options: ImportContextOptions): StepContext {
  const params: Params = {
    data: {
      path: 'data/unused.csv',
      dvc: 'data.dvc',
      schema: 'data/unused.schema.json',
      target: 'unused',
    },
    split: { test: 0.2, validation: 0.15, seed: 3, stratify: true },
    model: { name: options.name },
    gate: options.gate ?? { metric: 'roc_auc', margin: 0 },
    ...options.params,
  };
  return { root, params, log: options.log ?? (() => undefined) };
}
