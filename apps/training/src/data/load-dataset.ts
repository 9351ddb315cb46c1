import type { DatasetSchema } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { DatasetError } from './dataset-error.js';
import { formatClasses, resolvePositiveClass } from '@modelship/data-validation';
import { readDatasetRows } from './read-dataset-rows.js';

/** A labelled dataset in memory: raw feature values as read from the CSV, and 0/1 labels. */
export interface LabelledDataset {
  file: string;
  target: { column: string; positive: string; negative: string };
  /** The feature columns of each row, as CSV text. */
  rows: RawRow[];
  /** 1 where the row's target is the positive class. */
  labels: Uint8Array;
}

/**
 * Reads a CSV for a binary target, checking before any training what would otherwise fail late:
 * the target and feature columns exist, numeric columns hold numbers, the target has two classes.
 */
export async function loadDataset(file: string, schema: DatasetSchema): Promise<LabelledDataset> {
  const target = schema.target.column;
  const classes = new Map<string, number>();
  const { rows, targets } = await readDatasetRows(file, schema, (label, line) => {
    if (!classes.has(label) && classes.size === 2) {
      throw new DatasetError({
        code: 'E_TARGET_CLASSES',
        file,
        line,
        column: target,
        value: label,
        problem: `a binary target holds a third class "${label}" beside ${formatClasses([...classes.keys()])}`,
        fix: 'set `task: multiclass` in params.yaml and target.kind "multiclass" in the schema (or `task: regression` and "numeric" for a number), map the target to two values, or choose another target column',
      });
    }
    classes.set(label, (classes.get(label) ?? 0) + 1);
  });
  if (classes.size === 1) {
    throw new DatasetError({
      code: 'E_TARGET_SINGLE_CLASS',
      file,
      column: target,
      value: targets[0],
      problem: `every row has the same target "${targets[0] ?? ''}"; a classifier needs both classes`,
      fix: 'add rows of the other class',
    });
  }
  const { positive, negative } = resolvePositiveClass([...classes.keys()], schema.target.positive, { file, column: target });
  const labels = Uint8Array.from(targets, (label) => (label === positive ? 1 : 0));
  return { file, target: { column: target, positive, negative }, rows, labels };
}
