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

/**
 * An imported model's numeric or boolean column, passed through as its value (booleans 0/1):
 * the model's own graph does the preprocessing. A missing value becomes NaN.
 */
export interface RawNumberTransform {
  kind: 'raw-number';
  column: string;
  /** The column is boolean: its true and false spellings (`booleanValues`) travel as 1 and 0. */
  boolean?: boolean;
}

/**
 * An imported model's text column, carried through the float32 matrix as its index in
 * `vocabulary` and handed to the model as the string itself (see buildModelFeeds). A value
 * outside the vocabulary (the schema's categories and the sample's values) travels as
 * `vocabulary.length` and reaches the model as OOV_BUCKET, which no encoder knows; a missing
 * value travels as NaN and reaches the model as the empty string.
 */
export interface RawStringTransform {
  kind: 'raw-string';
  column: string;
  vocabulary: string[];
}

export type ColumnTransform =
  | NumericTransform
  | CategoricalTransform
  | BooleanTransform
  | RawNumberTransform
  | RawStringTransform;

/** ONNX tensor element types an imported model's input may declare. */
export type ModelInputElementType = 'float' | 'double' | 'int64' | 'int32' | 'bool' | 'string';

/**
 * One named input of an imported model and the raw columns that feed it: a tensor
 * [N, columns.length] (one input per column as skl2onnx pipelines take them, or one float
 * tensor of every feature in the schema's order).
 */
export interface ModelInputBinding {
  /** The ONNX graph input's name. */
  name: string;
  elementType: ModelInputElementType;
  /** Raw columns (each a `raw-number` or `raw-string` transform of the spec), in tensor order. */
  columns: string[];
}

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
  /**
   * Absent for the kit's own models: one float32 input [N, width] of transformed features.
   * Present for a model brought with `modelship import`: every column is `raw-number` or
   * `raw-string` (one matrix column each, `width` = columns), and these are the model's named
   * inputs, each built from its columns by buildModelFeeds.
   */
  modelInputs?: ModelInputBinding[];
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
    case 'raw-number':
    case 'raw-string':
      return [transform.column];
  }
}
