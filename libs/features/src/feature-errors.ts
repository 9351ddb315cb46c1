/**
 * Typed errors for raw rows that cannot become model inputs. Serving turns them into 400s;
 * training reports them with the file and line. Each names the column, the value and a fix.
 */
import { ModelshipError } from '@modelship/core';
export type FeatureErrorCode =
  | 'E_FEATURE_MISSING'
  | 'E_FEATURE_NOT_NUMERIC'
  | 'E_FEATURE_NOT_FINITE'
  | 'E_FEATURE_NOT_BOOLEAN'
  | 'E_FEATURE_INVALID'
  | 'E_FEATURE_SPEC'
  | 'E_FEATURE_MODEL_INPUT';

export class FeatureError extends ModelshipError {
  /** Index of the row in a batch, when the error came from `transformRows`. */
  row: number | undefined;

  constructor(
    override readonly code: FeatureErrorCode,
    readonly column: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message, { code });
  }
}

export class MissingFeatureError extends FeatureError {
  constructor(column: string) {
    super(
      'E_FEATURE_MISSING',
      column,
      undefined,
      `Feature \`${column}\` is missing; send it (use null for an unknown value).`,
    );
  }
}

export class NotNumericError extends FeatureError {
  constructor(column: string, value: unknown) {
    super(
      'E_FEATURE_NOT_NUMERIC',
      column,
      value,
      `Feature \`${column}\` must be a number, got ${describeValue(value)}.`,
    );
  }
}

export class NotFiniteError extends FeatureError {
  constructor(column: string, value: unknown) {
    super(
      'E_FEATURE_NOT_FINITE',
      column,
      value,
      `Feature \`${column}\` must be a finite number, got ${describeValue(value)}; send null for an unknown value.`,
    );
  }
}

export class NotBooleanError extends FeatureError {
  constructor(column: string, value: unknown, accepted: readonly string[]) {
    super(
      'E_FEATURE_NOT_BOOLEAN',
      column,
      value,
      `Feature \`${column}\` must be a boolean, got ${describeValue(value)}; use true/false or one of ${accepted.map((v) => `"${v}"`).join(', ')}.`,
    );
  }
}

export class InvalidValueError extends FeatureError {
  constructor(column: string, value: unknown) {
    super(
      'E_FEATURE_INVALID',
      column,
      value,
      `Feature \`${column}\` must be a string, number, boolean or null, got ${describeValue(value)}.`,
    );
  }
}

export class FeatureSpecError extends FeatureError {
  constructor(message: string, column = '', value: unknown = undefined) {
    super('E_FEATURE_SPEC', column, value, message);
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `"${value}" (string)`;
  if (typeof value === 'number') return `${String(value)} (number)`;
  return `${JSON.stringify(value) ?? String(value)} (${typeof value})`;
}

/** A value an imported model's input cannot take: missing, fractional or too large for an integer input. */
export class ModelInputValueError extends FeatureError {
  constructor(column: string, value: unknown, input: string, reason: string) {
    super(
      'E_FEATURE_MODEL_INPUT',
      column,
      value,
      `Feature \`${column}\` is ${JSON.stringify(value)}; the model's input \`${input}\` ${reason}.`,
    );
  }
}
