import { CategoricalProfile } from './_categorical-profile.js';
import { NumericProfile } from './_numeric-profile.js';
import type { ReferenceStatsOptions } from './compute-reference-stats.js';
import type { FeatureReference } from './reference-stats.js';

/** The name `ReferenceStats.prediction` carries, as a drift report lists it beside the features. */
export const PREDICTION_REFERENCE_NAME = 'prediction';

/**
 * Summarises a model's predictions on its training split for prediction drift, with the same
 * profiles (and so the same bins) as the features: numbers (a binary positive-class probability,
 * a regression value in the target's units) get quantile bins and a KS grid; texts (a multiclass
 * predicted class) get category shares. A non-finite number counts as missing.
 */
export function computePredictionReference(
  predictions: ArrayLike<number> | readonly string[],
  options: ReferenceStatsOptions = {},
): FeatureReference {
  if (isTextList(predictions)) {
    const profile = new CategoricalProfile(PREDICTION_REFERENCE_NAME, 10_000, false);
    for (const value of predictions) profile.add(value);
    return profile.build(options.maxCategories ?? 50);
  }
  const profile = new NumericProfile(PREDICTION_REFERENCE_NAME, options.sampleSize ?? 100_000, options.seed ?? 1);
  for (let i = 0; i < predictions.length; i += 1) {
    const value = predictions[i];
    if (value !== undefined && Number.isFinite(value)) profile.add(value);
    else profile.addMissing();
  }
  return profile.build(options.bins ?? 10, options.quantiles ?? 100);
}

// --- internal ---

function isTextList(values: ArrayLike<number> | readonly string[]): values is readonly string[] {
  return Array.isArray(values) && values.length > 0 && typeof values[0] === 'string';
}
