import { FeatureError } from './feature-errors.js';
import type {
  BooleanTransform,
  CategoricalTransform,
  ColumnTransform,
  FeatureSpec,
  NumericTransform,
} from './feature-spec.js';
import { DEFAULT_BOOLEAN_VALUES, DEFAULT_MISSING_VALUES } from '@modelship/data-validation';
import { FEATURE_SPEC_VERSION, getColumnFeatureNames, MISSING_CATEGORY } from './feature-spec.js';
import type { RawRow } from './parse-value.js';
import { parseBoolean, parseCategory, parseNumber } from './parse-value.js';

/**
 * The parts of the dataset schema the features need; any `DatasetSchema` of
 * `@modelship/data-validation` fits it. Missing and boolean texts default as in validation.
 */
export interface FeatureSchema {
  target: { column: string };
  columns: readonly { name: string; type: string; role: string }[];
  missingValues?: readonly string[];
  booleanValues?: { true: readonly string[]; false: readonly string[] };
}

export interface FitFeatureSpecOptions {
  /** Categories seen fewer times than this go to the out-of-vocabulary bucket. @default 5 */
  minCategoryCount?: number;
  /** Largest vocabulary per column; the rest go to the out-of-vocabulary bucket. @default 50 */
  maxCategories?: number;
}

type Accumulator =
  | { kind: 'numeric'; column: string; values: number[]; missing: number }
  | { kind: 'categorical'; column: string; counts: Map<string, number> }
  | { kind: 'boolean'; column: string; ones: number; zeros: number; missing: number };

/**
 * Fits the feature spec on training rows: numeric columns are imputed with the median and
 * standardised, categorical columns one-hot encoded over a frequency-ranked vocabulary with an
 * out-of-vocabulary bucket, boolean columns read as 0/1. Target, id and ignore columns are left out.
 */
export function fitFeatureSpec(
  rows: Iterable<RawRow>,
  schema: FeatureSchema,
  options: FitFeatureSpecOptions = {},
): FeatureSpec {
  const minCount = options.minCategoryCount ?? 5;
  const maxCategories = options.maxCategories ?? 50;
  const missingValues = [...(schema.missingValues ?? DEFAULT_MISSING_VALUES)];
  const missing = new Set(missingValues);
  const booleanValues = {
    true: [...(schema.booleanValues?.true ?? DEFAULT_BOOLEAN_VALUES.true)],
    false: [...(schema.booleanValues?.false ?? DEFAULT_BOOLEAN_VALUES.false)],
  };
  const { accumulators, excluded } = createAccumulators(schema);

  let fittedRows = 0;
  for (const row of rows) {
    try {
      for (const acc of accumulators) accumulate(acc, row[acc.column], missing, booleanValues);
    } catch (error) {
      if (error instanceof FeatureError) error.row = fittedRows;
      throw error;
    }
    fittedRows += 1;
  }

  const columns = accumulators.map((acc) => finishColumn(acc, minCount, maxCategories));
  const featureNames = columns.flatMap(getColumnFeatureNames);
  return {
    specVersion: FEATURE_SPEC_VERSION,
    columns,
    excluded,
    featureNames,
    width: featureNames.length,
    missingValues,
    booleanValues,
    fittedRows,
  };
}

// --- internal ---

function createAccumulators(schema: FeatureSchema): {
  accumulators: Accumulator[];
  excluded: FeatureSpec['excluded'];
} {
  const accumulators: Accumulator[] = [];
  const excluded: FeatureSpec['excluded'] = [];
  for (const { name, type, role } of schema.columns) {
    if (role !== 'feature' || name === schema.target.column) continue;
    if (type === 'number' || type === 'integer') {
      accumulators.push({ kind: 'numeric', column: name, values: [], missing: 0 });
    } else if (type === 'categorical') {
      accumulators.push({ kind: 'categorical', column: name, counts: new Map() });
    } else if (type === 'boolean') {
      accumulators.push({ kind: 'boolean', column: name, ones: 0, zeros: 0, missing: 0 });
    } else {
      excluded.push({
        column: name,
        reason: `${type} columns are not encoded; set its role to "ignore" or its type to "categorical"`,
      });
    }
  }
  return { accumulators, excluded };
}

function accumulate(
  acc: Accumulator,
  raw: RawRow[string],
  missing: ReadonlySet<string>,
  booleanValues: FeatureSpec['booleanValues'],
): void {
  switch (acc.kind) {
    case 'numeric': {
      const value = parseNumber(acc.column, raw, missing);
      if (value === null) acc.missing += 1;
      else acc.values.push(value);
      return;
    }
    case 'categorical': {
      const value = parseCategory(acc.column, raw, missing) ?? MISSING_CATEGORY;
      acc.counts.set(value, (acc.counts.get(value) ?? 0) + 1);
      return;
    }
    case 'boolean': {
      const value = parseBoolean(acc.column, raw, missing, booleanValues);
      if (value === null) acc.missing += 1;
      else if (value === 1) acc.ones += 1;
      else acc.zeros += 1;
      return;
    }
  }
}

function finishColumn(acc: Accumulator, minCount: number, maxCategories: number): ColumnTransform {
  switch (acc.kind) {
    case 'numeric':
      return finishNumeric(acc.column, acc.values, acc.missing);
    case 'categorical': {
      const vocabulary = [...acc.counts]
        .filter(([, count]) => count >= minCount)
        .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, maxCategories)
        .map(([value]) => value);
      return { kind: 'categorical', column: acc.column, vocabulary } satisfies CategoricalTransform;
    }
    case 'boolean':
      return {
        kind: 'boolean',
        column: acc.column,
        fill: acc.ones > acc.zeros ? 1 : 0,
        missingIndicator: acc.missing > 0,
      } satisfies BooleanTransform;
  }
}

function finishNumeric(column: string, observed: number[], missing: number): NumericTransform {
  if (observed.length === 0) {
    return { kind: 'numeric', column, median: 0, mean: 0, std: 1, missingIndicator: true };
  }
  const sorted = Float64Array.from(observed).sort();
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  let sum = 0;
  for (const value of sorted) sum += value;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  const std = Math.sqrt(squares / sorted.length);
  return {
    kind: 'numeric',
    column,
    median,
    mean,
    // A constant column would divide by zero; with std 1 it becomes a harmless 0.
    std: std > 1e-12 ? std : 1,
    missingIndicator: missing > 0,
  };
}
