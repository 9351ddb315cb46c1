import type { DatasetSchema } from '@modelship/data-validation';
import { getMissingValues, streamCsvRows } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { FeatureError, parseNumber } from '@modelship/features';
import { DatasetError } from './dataset-error.js';

/** The feature columns of every row, as CSV text, with each row's target text. */
export interface DatasetRows {
  rows: RawRow[];
  targets: string[];
}

/**
 * Streams a CSV, checking what would otherwise fail late: the target and feature columns exist,
 * numeric features hold numbers, no target is missing. `checkTarget` sees each target value
 * with its line, for the task's own checks (a third binary class, a non-numeric regression value).
 */
export async function readDatasetRows(
  file: string,
  schema: DatasetSchema,
  checkTarget: (value: string, line: number) => void = () => undefined,
): Promise<DatasetRows> {
  const target = schema.target.column;
  const features = schema.columns.filter((c) => c.role === 'feature' && c.name !== target).map((c) => c.name);
  const numeric = new Set(
    schema.columns.filter((c) => c.type === 'number' || c.type === 'integer').map((c) => c.name),
  );
  const numericFeatures = features.filter((name) => numeric.has(name));
  const missing = getMissingValues(schema);
  const rows: RawRow[] = [];
  const targets: string[] = [];

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
    checkTarget(label, line);
    for (const column of numericFeatures) checkNumber(file, line, column, values[column], missing);
    const row: Record<string, string> = {};
    for (const column of features) row[column] = values[column] ?? '';
    rows.push(row);
    targets.push(label);
  }

  if (rows.length === 0) {
    throw new DatasetError({ code: 'E_DATA_EMPTY', file, problem: 'the CSV has no rows', fix: 'point `data.path` at a CSV with data' });
  }
  return { rows, targets };
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
