/**
 * Reference statistics: a compact, versioned summary of the training data that ships in the
 * model bundle as `reference-stats.json`. Serving feeds live requests to a `DriftAccumulator`
 * built from it and calls `computeDrift` over each window; no training rows are needed.
 */
export const REFERENCE_STATS_VERSION = 1;

export interface NumericReference {
  name: string;
  kind: 'numeric';
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** Inner bin edges from reference quantiles; bins are (-inf, e0], (e0, e1], ..., (eLast, inf). */
  edges: number[];
  /** Share of non-missing reference values in each bin (edges.length + 1 entries). */
  proportions: number[];
  /** Reference quantiles (ascending, distinct) where the Kolmogorov-Smirnov distance is taken. */
  quantiles: number[];
  /** Share of reference values <= each quantile. */
  cdf: number[];
}

export interface CategoricalReference {
  name: string;
  kind: 'categorical';
  /** A boolean column: live values true/false, "yes"/"no"... are read as "true" and "false". */
  boolean?: boolean;
  count: number;
  missing: number;
  /** The most frequent categories (booleans as "true" and "false") with their shares. */
  categories: string[];
  proportions: number[];
  /** Share of every other value, rolled into one "other" bucket. */
  other: number;
}

export type FeatureReference = NumericReference | CategoricalReference;

export interface ReferenceStats {
  statsVersion: typeof REFERENCE_STATS_VERSION;
  /** Rows summarised (missing values included). */
  rows: number;
  /** Texts read as missing (from the dataset schema). */
  missingValues: string[];
  /** Texts read as booleans (from the dataset schema), so live JSON and CSV texts agree. */
  booleanValues: { true: string[]; false: string[] };
  features: FeatureReference[];
  /**
   * The model's predictions on the training split, for prediction drift: numeric for the binary
   * positive-class probability and for regression values (in the target's units), categorical
   * for the multiclass predicted class (its text). Absent in bundles made before it existed.
   */
  prediction?: FeatureReference;
}
