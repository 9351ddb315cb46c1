/**
 * The feature spec: a versioned JSON file, fitted on the training split, that turns a raw row
 * (CSV strings or JSON values) into the model's float32 input. Training and serving both read it,
 * so a row gives the same numbers in both.
 */

/** Bumped whenever the spec format changes incompatibly. */
export const FEATURE_SPEC_VERSION = 1;

/** The category a missing value of a categorical column counts as. */
export const MISSING_CATEGORY = '<missing>';

/** The suffix of the out-of-vocabulary bucket's feature name. */
export const OOV_BUCKET = '<other>';

export interface NumericTransform {
  kind: 'numeric';
  column: string;
  /** Imputed for missing values, before standardising. */
  median: number;
  mean: number;
  /** 1 when the training values were constant, so the feature becomes 0 instead of NaN. */
  std: number;
  /** Adds a `<column>__missing` 0/1 feature; set when the training split had missing values. */
  missingIndicator: boolean;
}

export interface CategoricalTransform {
  kind: 'categorical';
  column: string;
  /** One one-hot feature per entry, most frequent first, then one for everything else. */
  vocabulary: string[];
}

export interface BooleanTransform {
  kind: 'boolean';
  column: string;
  /** The value imputed for missing values (the training split's most common one). */
  fill: 0 | 1;
  missingIndicator: boolean;
}

export type ColumnTransform = NumericTransform | CategoricalTransform | BooleanTransform;

export interface FeatureSpec {
  specVersion: typeof FEATURE_SPEC_VERSION;
  /** Raw columns in input order, each with how it becomes features. */
  columns: ColumnTransform[];
  /** Feature columns of the schema that cannot be encoded (string, datetime), with why. */
  excluded: { column: string; reason: string }[];
  /** Output feature names, in the order of the model's input vector. */
  featureNames: string[];
  width: number;
  missingValues: string[];
  booleanValues: { true: string[]; false: string[] };
  /** Rows the spec was fitted on. */
  fittedRows: number;
}

/** Feature names a column produces, in output order. */
export function getColumnFeatureNames(transform: ColumnTransform): string[] {
  switch (transform.kind) {
    case 'numeric':
    case 'boolean':
      return transform.missingIndicator
        ? [transform.column, `${transform.column}__missing`]
        : [transform.column];
    case 'categorical':
      return [...transform.vocabulary, OOV_BUCKET].map((value) => `${transform.column}=${value}`);
  }
}
