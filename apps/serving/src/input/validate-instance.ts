import type { RawRow } from '@modelship/features';
import { BadRequestError } from '../http/serving-error.js';
import { describeJsonType, formatClientValue, clipText } from './describe-json-value.js';
import type { InstanceRules } from './instance-rules.js';

export { describeJsonType } from './describe-json-value.js';

/** The largest finite float32: the model computes in float32, so a larger input is no number to it. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** When MAX_STRING_LENGTH is unset: the schema's longest category, but never less than this. */
export const DEFAULT_MAX_STRING_LENGTH = 256;

export interface InstanceCheckOptions {
  /** Reject categories outside the schema's list, instead of scoring them as `<other>`. */
  rejectUnknownCategories: boolean;
  /** Called once per unknown category accepted, to count it. */
  onUnknownCategory?: (column: string) => void;
  /** MAX_STRING_LENGTH; null: the longest category the schema knows, at least 256. */
  maxStringLength?: number | null;
}

/**
 * Checks one raw instance against the input schema before the feature transform: a JSON object,
 * no keys outside the schema, scalar values only, strings no longer than MAX_STRING_LENGTH,
 * numbers inside the float32 range, no null where the schema forbids it, and categories as
 * configured. Other value errors (text in a numeric feature) come from the transform itself,
 * with the same messages as training. `where` prefixes messages ("instances[3]").
 */
export function validateInstance(
  instance: unknown,
  where: string,
  rules: InstanceRules,
  options: InstanceCheckOptions,
): RawRow {
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) {
    throw new BadRequestError(
      `${where} must be a JSON object of feature values, got ${describeJsonType(instance)}.`,
      'E_INSTANCE_TYPE',
    );
  }
  const row = instance as Record<string, unknown>;
  const maxLength = resolveMaxStringLength(rules, options.maxStringLength);
  for (const key in row) {
    if (!rules.allowed.has(key)) {
      throw new BadRequestError(
        `${where}: unknown feature \`${clipText(key)}\`; the model takes ${listNames(rules.inputs)}.`,
        'E_FEATURE_UNKNOWN',
      );
    }
    checkScalar(row[key], where, key, rules, maxLength);
  }
  for (const column of rules.required) {
    if (isMissing(row[column], rules.missingValues)) {
      throw new BadRequestError(
        `${where}: feature \`${column}\` must not be null or missing: the input schema marks it \`nullable: false\`.`,
        'E_FEATURE_NULL',
      );
    }
  }
  for (const column of rules.numeric) checkFloat32(row[column], where, column);
  for (const { column, allowed } of rules.categories) {
    const value = row[column];
    if (value === undefined || isMissing(value, rules.missingValues)) continue;
    // Scalars only by now, so String() cannot meet a client's object.
    if (allowed.has(String(value))) continue;
    if (options.rejectUnknownCategories) {
      throw new BadRequestError(
        `${where}: feature \`${column}\` is ${formatClientValue(value)}, not one of the schema's categories (${[...allowed].map((c) => `"${c}"`).join(', ')}).`,
        'E_FEATURE_CATEGORY',
      );
    }
    options.onUnknownCategory?.(column);
  }
  return row as RawRow;
}

/** The string length limit in force for a model: MAX_STRING_LENGTH, else its longest category (>= 256). */
export function resolveMaxStringLength(
  rules: InstanceRules,
  configured: number | null | undefined,
): number {
  return configured ?? Math.max(DEFAULT_MAX_STRING_LENGTH, rules.longestCategory);
}

// --- internal ---

// An id or ignored column is bounded like a feature; its message calls it a column.
function checkScalar(
  value: unknown,
  where: string,
  column: string,
  rules: InstanceRules,
  maxLength: number,
): void {
  const tooLong = typeof value === 'string' && value.length > maxLength;
  const nested = typeof value === 'object' && value !== null;
  if (!tooLong && !nested) return;
  const kind = rules.inputs.includes(column) ? 'feature' : 'column';
  if (nested) {
    throw new BadRequestError(
      `${where}: ${kind === 'feature' ? 'Feature' : 'Column'} \`${column}\` must be a string, number, boolean or null, got ${describeJsonType(value)}.`,
      'E_FEATURE_INVALID',
    );
  }
  throw new BadRequestError(
    `${where}: ${kind} \`${column}\` is a string of ${(value as string).length} characters; the limit is ${maxLength} (MAX_STRING_LENGTH).`,
    'E_STRING_TOO_LONG',
  );
}

function checkFloat32(value: unknown, where: string, column: string): void {
  // Text is read as a number by the transform; out-of-range text is refused the same way.
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return;
  if (Math.abs(number) > FLOAT32_MAX) {
    throw new BadRequestError(
      `${where}: feature \`${column}\` is ${formatClientValue(value)}, outside the float32 range the model computes in (-${FLOAT32_MAX} to ${FLOAT32_MAX}).`,
      'E_FEATURE_RANGE',
    );
  }
}

function isMissing(value: unknown, missingValues: ReadonlySet<string>): boolean {
  if (value === null) return true;
  return typeof value === 'string' && (missingValues.has(value) || missingValues.has(value.trim()));
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 30).map((name) => `\`${name}\``);
  return names.length > shown.length ? `${shown.join(', ')}, ...` : shown.join(', ');
}
