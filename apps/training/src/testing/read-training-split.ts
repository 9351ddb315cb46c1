import { loadSchema, withTargetColumn } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { readTask, resolveFromRoot } from '@modelship/params';
import { loadTaskDataset } from '../data/load-task-dataset.js';
import { selectRows } from '../data/select-rows.js';
import { splitForTask } from '../steps/_task-training.js';
import type { StepContext } from '../steps/step-context.js';

/** The raw training rows `trainModel` trained on for these params: the split is seeded, so it is the same. */
export async function readTrainingSplit(ctx: StepContext): Promise<RawRow[]> {
  const { params, root } = ctx;
  const schema = withTargetColumn(await loadSchema(resolveFromRoot(root, params.data.schema)), params.data.target);
  const dataset = await loadTaskDataset(resolveFromRoot(root, params.data.path), schema, readTask(params));
  return selectRows(dataset.rows, splitForTask(dataset, params.split).train);
}
