import type { DatasetSchema } from '@modelship/data-validation';
import { getMissingValues, streamCsvRows } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { FeatureError, parseNumber } from '@modelship/features';
import { DatasetError } from './dataset-error.js';
import { formatClasses, resolvePositiveClass } from '@modelship/data-validation';

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
  const features = schema.columns.filter((c) => c.role === 'feature' && c.name !== target).map((c) => c.name);
  const numeric = new Set(
    schema.columns.filter((c) => c.type === 'number' || c.type === 'integer').map((c) => c.name),
  );
  const numericFeatures = features.filter((name) => numeric.has(name));
  const missing = getMissingValues(schema);
  const rows: RawRow[] = [];
  const targets: string[] = [];
  const classes = new Map<string, number>();

  for await (const { values, line } of streamCsvRows(file)) {
    if (rows.length === 0) checkColumns(file, values, target, features);
    const label = values[target] ?? '';
    if (missing.has(label)) {
      throw new DatasetError({
        code: 'E_TARGET_VALUE_MISSING',
        file,
        line,
        column: target,
        value: label,
        problem: 'the target is missing',
        fix: 'drop unlabelled rows before training',
      });
    }
    if (!classes.has(label) && classes.size === 2) {
      throw new DatasetError({
        code: 'E_TARGET_CLASSES',
        file,
        line,
        column: target,
        value: label,
        problem: `a binary target holds a third class "${label}" beside ${formatClasses([...classes.keys()])}`,
        fix: 'map the target to two values, or choose another target column',
      });
    }
    classes.set(label, (classes.get(label) ?? 0) + 1);
    for (const column of numericFeatures) checkNumber(file, line, column, values[column], missing);
    const row: Record<string, string> = {};
    for (const column of features) row[column] = values[column] ?? '';
    rows.push(row);
    targets.push(label);
  }

  if (rows.length === 0) {
    throw new DatasetError({ code: 'E_DATA_EMPTY', file, problem: 'the CSV has no rows', fix: 'point `data.path` at a CSV with data' });
  }
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

// --- internal ---

function checkColumns(file: string, values: Record<string, string>, target: string, features: readonly string[]): void {
  if (!(target in values)) {
    throw new DatasetError({
      code: 'E_TARGET_MISSING',
      file,
      line: 1,
      column: target,
      problem: `the target column "${target}" is not in the header`,
      fix: 'set params.yaml `data.target` and the schema\'s `target.column` to a column of the CSV',
    });
  }
  const absent = features.find((column) => !(column in values));
  if (absent !== undefined) {
    throw new DatasetError({
      code: 'E_DATA_COLUMN_MISSING',
      file,
      line: 1,
      column: absent,
      problem: `the feature column "${absent}" is not in the header`,
      fix: 'set its role to "ignore" in the dataset schema, or regenerate the schema from this CSV',
    });
  }
}

function checkNumber(file: string, line: number, column: string, value: string | undefined, missing: ReadonlySet<string>): void {
  try {
    parseNumber(column, value, missing);
  } catch (error) {
    if (!(error instanceof FeatureError)) throw error;
    throw new DatasetError({
      code: 'E_DATA_NOT_NUMERIC',
      file,
      line,
      column,
      value,
      problem: `"${value ?? ''}" is not a ${error.code === 'E_FEATURE_NOT_FINITE' ? 'finite ' : ''}number`,
      fix: 'correct the value, list it in the schema\'s `missingValues`, or make the column categorical',
      cause: error,
    });
  }
}
