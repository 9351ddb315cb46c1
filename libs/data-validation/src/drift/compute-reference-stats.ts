import { streamCsvBatches } from '../csv/stream-csv-batches.js';
import type { ColumnSchema, DatasetSchema } from '../schema/dataset-schema.js';
import { DEFAULT_BOOLEAN_VALUES, DEFAULT_MISSING_VALUES } from '../schema/schema-defaults.js';
import { CategoricalProfile } from './_categorical-profile.js';
import { NumericProfile } from './_numeric-profile.js';
import type { ValueReader } from './_read-value.js';
import { createValueReader, readCategory, readNumber } from './_read-value.js';
import type { ReferenceStats } from './reference-stats.js';
import { REFERENCE_STATS_VERSION } from './reference-stats.js';

export interface ReferenceStatsOptions {
  /** PSI bins per numeric feature, cut at reference quantiles. @default 10 */
  bins?: number;
  /** Quantiles kept per numeric feature for the KS distance. @default 100 */
  quantiles?: number;
  /** Values sampled per numeric feature to find quantiles (exact below it). @default 100000 */
  sampleSize?: number;
  /** Categories kept per feature; rarer ones share the "other" bucket. @default 50 */
  maxCategories?: number;
  /** Seed of the reservoir sample. @default 1 */
  seed?: number;
}

/** The columns drift is computed for: model inputs that are numbers or categories. */
export function selectDriftFeatures(schema: DatasetSchema): ColumnSchema[] {
  return schema.columns.filter(
    (column) => column.role === 'feature' && column.type !== 'string' && column.type !== 'datetime',
  );
}

function isNumeric(column: ColumnSchema): boolean {
  return column.type === 'number' || column.type === 'integer';
}

function createProfiles(
  schema: DatasetSchema,
  options: ReferenceStatsOptions,
): (NumericProfile | CategoricalProfile)[] {
  return selectDriftFeatures(schema).map((column, index) =>
    isNumeric(column)
      ? new NumericProfile(column.name, options.sampleSize ?? 100_000, (options.seed ?? 1) + index)
      : new CategoricalProfile(column.name, 10_000, column.type === 'boolean'),
  );
}

function addValue(
  profile: NumericProfile | CategoricalProfile,
  column: ColumnSchema,
  value: unknown,
  reader: ValueReader,
): void {
  if (profile instanceof NumericProfile) {
    const number = readNumber(value, reader);
    if (number === undefined) profile.addMissing();
    else profile.add(number);
    return;
  }
  const category = readCategory(value, reader, column.type === 'boolean');
  if (category === undefined) profile.addMissing();
  else profile.add(category);
}

type RowSource =
  string | Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

/**
 * Summarises training data for drift detection: per numeric feature count, missing, mean, std,
 * min, max, quantile bins with shares and a quantile grid for KS; per categorical or boolean
 * feature the category shares with an "other" bucket. Reads a CSV file (streaming) or rows.
 */
export async function computeReferenceStats(
  source: RowSource,
  schema: DatasetSchema,
  options: ReferenceStatsOptions = {},
): Promise<ReferenceStats> {
  const features = selectDriftFeatures(schema);
  const profiles = createProfiles(schema, options);
  const missingValues = [...(schema.missingValues ?? DEFAULT_MISSING_VALUES)];
  const booleanValues = schema.booleanValues ?? {
    true: [...DEFAULT_BOOLEAN_VALUES.true],
    false: [...DEFAULT_BOOLEAN_VALUES.false],
  };
  const reader = createValueReader(missingValues, booleanValues);
  let rows = 0;
  if (typeof source === 'string') {
    for await (const batch of streamCsvBatches(source, {
      expectedColumns: features.map((column) => column.name),
      allowExtraColumns: true,
    })) {
      const indexes = features.map((column) => batch.header.indexOf(column.name));
      for (const row of batch.rows)
        features.forEach((column, i) => addValue(profiles[i], column, row[indexes[i]], reader));
      rows += batch.rows.length;
    }
  } else {
    for await (const row of source) {
      features.forEach((column, i) => addValue(profiles[i], column, row[column.name], reader));
      rows += 1;
    }
  }
  return {
    statsVersion: REFERENCE_STATS_VERSION,
    rows,
    missingValues,
    booleanValues,
    features: profiles.map((profile) =>
      profile instanceof NumericProfile
        ? profile.build(options.bins ?? 10, options.quantiles ?? 100)
        : profile.build(options.maxCategories ?? 50),
    ),
  };
}
