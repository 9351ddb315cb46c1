import type { FeatureMatrix, RawRow } from '@modelship/features';
import { FeatureError, transformRows } from '@modelship/features';
import { BadRequestError } from '../http/serving-error.js';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelVersion } from '../models/model-version.js';
import { compileInstanceRules } from './instance-rules.js';
import { validateInstance } from './validate-instance.js';

export interface TransformOptions {
  unknownCategories: 'accept' | 'reject';
  metrics: ServingMetrics;
  /** Names instances in errors: `(i) => "instances[i]"`. */
  describe: (index: number) => string;
}

/**
 * Validates raw instances against the model's input schema and turns them into its float32
 * input with the feature spec, the same transform training used. Any bad value becomes a 400
 * naming the instance, the feature and the reason.
 */
export function transformInstances(
  model: ModelVersion,
  instances: readonly unknown[],
  options: TransformOptions,
): FeatureMatrix {
  const rules = compileInstanceRules(model.featureSpec, model.inputSchema);
  const check = {
    rejectUnknownCategories: options.unknownCategories === 'reject',
    onUnknownCategory: (feature: string) =>
      options.metrics.unknownCategories.inc({ model: model.key.name, feature }),
  };
  const rows: RawRow[] = instances.map((instance, index) =>
    validateInstance(instance, options.describe(index), rules, check),
  );
  try {
    return transformRows(model.featureSpec, rows);
  } catch (error) {
    if (!(error instanceof FeatureError)) throw error;
    throw new BadRequestError(`${options.describe(error.row ?? 0)}: ${error.message}`, error.code);
  }
}
