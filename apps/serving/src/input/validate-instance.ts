import type { RawRow } from '@modelship/features';
import { BadRequestError } from '../http/serving-error.js';
import type { InstanceRules } from './instance-rules.js';

export interface InstanceCheckOptions {
  /** Reject categories outside the schema's list, instead of scoring them as `<other>`. */
  rejectUnknownCategories: boolean;
  /** Called once per unknown category accepted, to count it. */
  onUnknownCategory?: (column: string) => void;
}

/**
 * Checks one raw instance against the input schema before the feature transform: a JSON object,
 * no keys outside the schema, no null where the schema forbids it, and categories as configured.
 * Value types (numbers, booleans) are checked by the transform itself, with the same errors as
 * training. `where` prefixes messages ("instances[3]").
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
  for (const key in row) {
    if (!rules.allowed.has(key)) {
      throw new BadRequestError(
        `${where}: unknown feature \`${key}\`; the model takes ${listNames(rules.inputs)}.`,
        'E_FEATURE_UNKNOWN',
      );
    }
  }
  for (const column of rules.required) {
    if (isMissing(row[column], rules.missingValues)) {
      throw new BadRequestError(
        `${where}: feature \`${column}\` must not be null or missing: the input schema marks it \`nullable: false\`.`,
        'E_FEATURE_NULL',
      );
    }
  }
  for (const { column, allowed } of rules.categories) {
    const value = row[column];
    if (value === undefined || isMissing(value, rules.missingValues)) continue;
    if (allowed.has(String(value))) continue;
    if (options.rejectUnknownCategories) {
      throw new BadRequestError(
        `${where}: feature \`${column}\` is ${JSON.stringify(value)}, not one of the schema's categories (${[...allowed].map((c) => `"${c}"`).join(', ')}).`,
        'E_FEATURE_CATEGORY',
      );
    }
    options.onUnknownCategory?.(column);
  }
  return row as RawRow;
}

function isMissing(value: unknown, missingValues: ReadonlySet<string>): boolean {
  if (value === null) return true;
  return typeof value === 'string' && (missingValues.has(value) || missingValues.has(value.trim()));
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 30).map((name) => `\`${name}\``);
  return names.length > shown.length ? `${shown.join(', ')}, ...` : shown.join(', ');
}

/** `an array`, `null`, `a string`: how a JSON value reads in an error message. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
