import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { checkTargetFitsTask } from './check-target-fits-task.js';
import { DatasetError } from './dataset-error.js';
import { loadDataset } from './load-dataset.js';
import type { LabelledDataset } from './load-dataset.js';
import { readDatasetRows } from './read-dataset-rows.js';

/**
 * A dataset read for its task: binary 0/1 labels with `[negative, positive]` as the classes,
 * multiclass class indices into `classes`, or regression values in the target's own units.
 */
export type TaskDataset =
  | (LabelledDataset & { task: 'binary'; classes: string[] })
  | { task: 'multiclass'; file: string; target: { column: string }; classes: string[]; rows: RawRow[]; labels: Uint16Array }
  | { task: 'regression'; file: string; target: { column: string }; classes: null; rows: RawRow[]; labels: Float64Array };

/**
 * Reads a CSV for the task params.yaml declares. Multiclass classes are sorted by their text
 * (numerically when every label is an integer), so the vocabulary is the same on every run;
 * a regression target must hold a finite number on every row.
 */
export async function loadTaskDataset(file: string, schema: DatasetSchema, task: Task): Promise<TaskDataset> {
  if (task === 'binary') {
    const dataset = await loadDataset(file, schema);
    return { ...dataset, task, classes: [dataset.target.negative, dataset.target.positive] };
  }
  const column = schema.target.column;
  if (task === 'regression') {
    const { rows, targets } = await readDatasetRows(file, schema, (value, line) => {
      if (!Number.isFinite(parseTargetNumber(value))) {
        throw new DatasetError({
          code: 'E_TARGET_NOT_NUMERIC',
          file,
          line,
          column,
          value,
          problem: `"${value}" is not a finite number, and a regression target must be one on every row`,
          fix: 'correct or drop the row, list the value in the schema\'s `missingValues` and drop those rows, or set `task: multiclass` if the target names classes',
        });
      }
    });
    const labels = Float64Array.from(targets, parseTargetNumber);
    checkTargetFitsTask(task, file, column, [...new Set(labels)].map(String));
    return { task, file, target: { column }, classes: null, rows, labels };
  }
  const { rows, targets } = await readDatasetRows(file, schema);
  const classes = sortClasses(new Set(targets));
  if (classes.length < 2) {
    throw new DatasetError({
      code: 'E_TARGET_SINGLE_CLASS',
      file,
      column,
      value: classes[0],
      problem: `every row has the same target "${classes[0] ?? ''}"; a classifier needs two classes or more`,
      fix: 'add rows of the other classes, or choose another target column',
    });
  }
  checkTargetFitsTask(task, file, column, classes);
  const index = new Map(classes.map((name, i) => [name, i]));
  return { task, file, target: { column }, classes, rows, labels: Uint16Array.from(targets, (label) => index.get(label) ?? 0) };
}

/** Class texts in a stable order: numerically when every one is an integer, else by text. */
export function sortClasses(classes: Iterable<string>): string[] {
  const list = [...classes];
  if (list.every((name) => /^-?\d+$/.test(name))) return list.sort((a, b) => Number(a) - Number(b));
  return list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

// --- internal ---

function parseTargetNumber(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}
