import { computeRocAuc } from '@modelship/core';

/** The slice value shown for a missing cell. */
export const MISSING_SLICE_VALUE = '(missing)';

export interface SliceMetrics {
  value: string;
  count: number;
  positiveRate: number;
  /** Null when the slice holds a single class, so AUC is undefined. */
  rocAuc: number | null;
  accuracy: number;
}

export type RawRow = Readonly<Record<string, unknown>>;

/** The part of the dataset schema that slicing reads (structurally a `DatasetSchema`). */
export interface SliceSchema {
  columns: readonly { name: string; type: string; role: string }[];
  missingValues?: readonly string[];
}

/** CSV texts that count as missing when the schema does not say (the schema's own default). */
export const DEFAULT_MISSING_VALUES = ['', 'NA', 'NaN', 'null'] as const;

/** The feature columns worth slicing by: categorical and boolean features, in schema order. */
export function selectSliceColumns(schema: SliceSchema): string[] {
  return schema.columns
    .filter((c) => c.role === 'feature' && (c.type === 'categorical' || c.type === 'boolean'))
    .map((c) => c.name);
}

/**
 * Metrics per value of each slice column, largest slice first. Rows are the raw test rows in
 * the same order as labels and probabilities.
 */
export function computeSliceMetrics(
  rows: readonly RawRow[],
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  columns: readonly string[],
  threshold: number,
  missingValues: readonly string[] = DEFAULT_MISSING_VALUES,
): Record<string, SliceMetrics[]> {
  return Object.fromEntries(
    columns.map((column) => [
      column,
      groupSliceRows(rows, column, missingValues).map(([value, members]) =>
        summariseSlice(value, members, labels, probabilities, threshold),
      ),
    ]),
  );
}

/**
 * The row indices of each value of `column` (missing cells under one value), largest slice
 * first, then by value: the grouping every task's slice metrics share.
 */
export function groupSliceRows(
  rows: readonly RawRow[],
  column: string,
  missingValues: readonly string[] = DEFAULT_MISSING_VALUES,
): [value: string, members: number[]][] {
  const missing = new Set(missingValues);
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = toSliceValue(row[column], missing);
    let members = groups.get(key);
    if (!members) groups.set(key, (members = []));
    members.push(i);
  });
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

function summariseSlice(
  value: string,
  members: readonly number[],
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): SliceMetrics {
  const sliceLabels = members.map((i) => labels[i]);
  const sliceProbabilities = members.map((i) => probabilities[i]);
  let positives = 0;
  let correct = 0;
  for (let k = 0; k < members.length; k++) {
    positives += sliceLabels[k];
    if ((sliceProbabilities[k] >= threshold ? 1 : 0) === sliceLabels[k]) correct++;
  }
  return {
    value,
    count: members.length,
    positiveRate: positives / members.length,
    rocAuc: computeRocAuc(sliceLabels, sliceProbabilities),
    accuracy: correct / members.length,
  };
}

function toSliceValue(value: unknown, missing: ReadonlySet<string>): string {
  if (value === null || value === undefined) return MISSING_SLICE_VALUE;
  const text = String(value);
  return missing.has(text) ? MISSING_SLICE_VALUE : text;
}
