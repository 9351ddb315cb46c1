// The non-binary datasets of `writeTaskDataset` as continuous-training workspaces, and labelled
// feedback for them in the feedback store's form of each task (multiclass class texts,
// regression numbers in the target's units), as serving records it.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { ColumnSchema } from '@modelship/data-validation';
import { streamCsvRows } from '@modelship/data-validation';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { MulticlassFeedbackRecord, RegressionFeedbackRecord } from '@modelship/feedback-store';

/** The datasets `createCtWorkspace` builds for the non-binary tasks. */
export type TaskDatasetName = 'tickets' | 'listings';

/** Each dataset's task (`writeTaskDataset`'s) and the model name its workspace registers. */
export const TASK_WORKSPACES: Readonly<
  Record<TaskDatasetName, { task: 'multiclass' | 'regression'; model: string }>
> = {
  tickets: { task: 'multiclass', model: 'tickets' },
  listings: { task: 'regression', model: 'listings' },
};

/** params.yaml's `data:` section (without `dvc`) for the dataset written under `root`. */
export interface TaskWorkspaceData {
  task: Task;
  data: { path: string; schema: string; target: string };
}

/** Writes the dataset's CSV into `root/data` and its schema into `root/config` (seed 7). */
export async function writeTaskWorkspaceData(
  root: string,
  name: TaskDatasetName,
  rows: number,
): Promise<TaskWorkspaceData> {
  const { task } = TASK_WORKSPACES[name];
  const written = await writeTaskDataset(join(root, 'data'), task, { rows, seed: 7 });
  const schema = `config/${name}.schema.json`;
  renameSync(written.schemaPath, join(root, schema));
  return { task, data: { path: `data/${name}.csv`, schema, target: written.target } };
}

export interface TaskFeedbackOptions {
  seed?: number;
  version?: string;
  /** Whether the i-th prediction is right (a regression one within 1% of the value); default all. */
  correct?: (i: number) => boolean;
  /** Keep the id column in the recorded features, as a client posting whole CSV rows does. */
  keepId?: boolean;
}

/**
 * Labelled feedback for `count` fresh rows of the dataset (another seed than the workspace's):
 * raw features as JSON values (numbers parsed, missing cells null), without the target and the
 * ignored column, the true label in the task's form and a prediction right when `correct(i)`.
 */
export async function makeTaskFeedback(
  name: TaskDatasetName,
  count: number,
  options: TaskFeedbackOptions = {},
): Promise<(MulticlassFeedbackRecord | RegressionFeedbackRecord)[]> {
  const { task, model } = TASK_WORKSPACES[name];
  const seed = options.seed ?? 99;
  const dir = mkdtempSync(join(tmpdir(), 'modelship-ct-feedback-'));
  try {
    const { csvPath, schema } = await writeTaskDataset(dir, task, { rows: count, seed });
    const columns = new Map(schema.columns.map((column) => [column.name, column]));
    const classes = columns.get(schema.target.column)?.categories ?? [];
    const start = Date.UTC(2025, 0, 1);
    const records: (MulticlassFeedbackRecord | RegressionFeedbackRecord)[] = [];
    let i = 0;
    for await (const { values } of streamCsvRows(csvPath)) {
      const right = options.correct?.(i) ?? true;
      const features: Record<string, unknown> = {};
      for (const [column, text] of Object.entries(values)) {
        const role = columns.get(column)?.role;
        if (role === 'feature' || (role === 'id' && options.keepId))
          features[column] = toJson(text, columns.get(column));
      }
      const label = values[schema.target.column] ?? '';
      const base = {
        predictionId: `${model}-pred-${seed}-${i}`,
        model,
        version: options.version ?? '1',
        variant: 'stable',
        predictedAt: new Date(start + i * 1000).toISOString(),
        labelledAt: new Date(start + i * 1000 + 500).toISOString(),
        features,
      };
      if (task === 'multiclass') {
        const wrong = classes[(classes.indexOf(label) + 1) % classes.length] as string;
        records.push({
          ...base,
          task,
          probability: 0.6,
          predicted: right ? label : wrong,
          label,
        });
      } else {
        const value = Number(label);
        records.push({
          ...base,
          task,
          probability: null,
          predicted: right ? value * 1.01 : value * 1.5,
          label: value,
        });
      }
      i += 1;
    }
    return records;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- internal ---

function toJson(text: string, column: ColumnSchema | undefined): unknown {
  if (text === '') return null;
  return column?.type === 'number' || column?.type === 'integer' ? Number(text) : text;
}
