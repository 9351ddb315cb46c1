import type { FeatureMatrix, RawRow } from '@modelship/features';
import { FeatureError, transformRows } from '@modelship/features';
import { BadRequestError } from '../http/serving-error.js';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelVersion } from '../models/model-version.js';
import { formatClientValue, QUOTED_VALUE_CHARS } from './describe-json-value.js';
import type { InstanceRules } from './instance-rules.js';
import { compileInstanceRules } from './instance-rules.js';
import { spellBooleanText } from './spell-boolean-text.js';
import { FLOAT32_MAX, validateInstance } from './validate-instance.js';

export interface TransformOptions {
  unknownCategories: 'accept' | 'reject';
  metrics: ServingMetrics;
  /** Names instances in errors: `(i) => "instances[i]"`. */
  describe: (index: number) => string;
  /** MAX_STRING_LENGTH; null or absent: the schema's longest category, at least 256. */
  maxStringLength?: number | null;
}

/**
 * Validates raw instances against the model's input schema and turns them into its float32
 * input with the feature spec, the same transform training used. Any bad value becomes a 400
 * naming the instance, the feature and the reason: for an imported model also a value its
 * input cannot take (E_FEATURE_MODEL_INPUT, naming the input); for a trained one a row whose
 * transformed value leaves the float32 range (a huge value over a tiny standard deviation).
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
    maxStringLength: options.maxStringLength,
  };
  const rows: RawRow[] = instances.map((instance, index) => {
    const row = validateInstance(instance, options.describe(index), rules, check);
    if (rules.booleanText.length === 0) return row;
    try {
      return spellBooleanText(model.featureSpec, rules, row);
    } catch (error) {
      throw toBadRequest(error, options.describe(index));
    }
  });
  let matrix: FeatureMatrix;
  try {
    matrix = transformRows(model.featureSpec, rows);
  } catch (error) {
    throw toBadRequest(error, options.describe((error as FeatureError).row ?? 0));
  }
  // An imported model's raw values pass through as they are (range-checked above; missing is
  // NaN); a trained model's are scaled, and a huge value over a tiny deviation can overflow.
  if (!model.imported) checkScaledRange(model, matrix.data, rows, rules, options.describe);
  return matrix;
}

// --- internal ---

// A value the features library refused, as a 400 naming the instance (other errors unchanged).
function toBadRequest(error: unknown, where: string): unknown {
  if (!(error instanceof FeatureError)) return error;
  return new BadRequestError(
    `${where}: ${clipQuotedValue(error.message, error.value)}`,
    error.code,
  );
}

function checkScaledRange(
  model: ModelVersion,
  data: Float32Array,
  rows: readonly RawRow[],
  rules: InstanceRules,
  describe: (index: number) => string,
): void {
  for (let i = 0; i < data.length; i++) {
    if (Number.isFinite(data[i])) continue;
    const row = Math.floor(i / model.width);
    const column = rules.columnAt[i % model.width];
    throw new BadRequestError(
      `${describe(row)}: feature \`${column}\` is ${formatClientValue(rows[row][column])}, which the feature spec scales outside the float32 range the model computes in (-${FLOAT32_MAX} to ${FLOAT32_MAX}).`,
      'E_FEATURE_RANGE',
    );
  }
}

// The features library quotes the whole value; a long string is cut in the answer.
function clipQuotedValue(message: string, value: unknown): string {
  if (typeof value !== 'string' || value.length <= QUOTED_VALUE_CHARS) return message;
  return message.split(value).join(`${value.slice(0, QUOTED_VALUE_CHARS)}...`);
}
