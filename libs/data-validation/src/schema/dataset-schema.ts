/**
 * The dataset schema: a versioned JSON file describing every column of a tabular CSV.
 * `inferSchema` writes one from a CSV; people then edit it by hand; `validateDataset` checks
 * a CSV against it; training and serving read column roles and types from it.
 * Nothing in the code names a dataset's columns: everything comes from this file.
 */

/** Bumped whenever the file format changes incompatibly. */
export const DATASET_SCHEMA_VERSION = 1;

export type ColumnType = 'number' | 'integer' | 'categorical' | 'boolean' | 'string' | 'datetime';

/** What a column is for. `id` and `ignore` columns are never model inputs. */
export type ColumnRole = 'feature' | 'target' | 'id' | 'ignore';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  role: ColumnRole;
  /**
   * Whether missing values are allowed at all. Checked on features and the target only: id and
   * ignore columns may be missing (feedback rows never carry them). @default true
   */
  nullable?: boolean;
  /** Largest allowed share (0..1) of missing values; only checked when nullable (features and the target). */
  maxMissingShare?: number;
  /** Inclusive bounds for number and integer columns. */
  min?: number;
  max?: number;
  /** Allowed values of a categorical column. A value outside the list fails validation. */
  categories?: string[];
  /** Every non-missing value must be distinct. */
  unique?: boolean;
  description?: string;
}

/** Every key a column may have, in the order `writeSchema` writes them. */
export const COLUMN_SCHEMA_KEYS = [
  'name',
  'type',
  'role',
  'nullable',
  'maxMissingShare',
  'min',
  'max',
  'categories',
  'unique',
  'description',
] as const satisfies readonly (keyof ColumnSchema)[];

/** What a target column holds; each kind belongs to one task (`getTargetTask`). */
export type TargetKind = 'binary' | 'multiclass' | 'numeric';

export interface TargetSchema {
  column: string;
  /**
   * `binary` targets hold exactly two values, `multiclass` targets three or more classes and
   * `numeric` targets any finite number (the regression task; see `getTargetTask`).
   */
  kind: TargetKind;
  /** For binary targets, the CSV text of the positive class (for example "1", "yes", "true"). */
  positive?: string;
}

export interface DatasetChecks {
  minRows?: number;
  maxRows?: number;
}

export interface DatasetSchema {
  schemaVersion: typeof DATASET_SCHEMA_VERSION;
  name: string;
  target: TargetSchema;
  columns: ColumnSchema[];
  dataset?: DatasetChecks;
  /** CSV texts that count as missing. @default ["", "NA", "NaN", "null"] */
  missingValues?: string[];
  /** CSV texts read as true and false in boolean columns. */
  booleanValues?: { true: string[]; false: string[] };
}
