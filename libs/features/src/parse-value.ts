import {
  InvalidValueError,
  NotBooleanError,
  NotFiniteError,
  NotNumericError,
} from './feature-errors.js';

/** A raw value as it arrives: a CSV cell (string) or a JSON value from an HTTP request. */
export type RawValue = string | number | boolean | null | undefined;

/** A raw row keyed by column name. Extra keys are ignored. */
export type RawRow = Readonly<Record<string, RawValue>>;

const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_PATTERN = /^[+-]?inf(?:inity)?$/i;

/**
 * Reads a number from a CSV cell or a JSON value, the one path both training and serving use.
 * Returns null for a missing value (null, or a CSV text listed as missing).
 */
export function parseNumber(
  column: string,
  raw: RawValue,
  missingValues: ReadonlySet<string>,
): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new NotFiniteError(column, raw);
    return raw;
  }
  if (typeof raw === 'string') {
    if (missingValues.has(raw)) return null;
    const text = raw.trim();
    if (missingValues.has(text)) return null;
    if (INFINITY_PATTERN.test(text) || text.toLowerCase() === 'nan')
      throw new NotFiniteError(column, raw);
    if (!NUMBER_PATTERN.test(text)) throw new NotNumericError(column, raw);
    const value = Number(text);
    if (!Number.isFinite(value)) throw new NotFiniteError(column, raw);
    return value;
  }
  if (typeof raw === 'boolean') throw new NotNumericError(column, raw);
  throw new InvalidValueError(column, raw);
}

/** Reads a category as text; JSON numbers and booleans become their CSV spelling. */
export function parseCategory(
  column: string,
  raw: RawValue,
  missingValues: ReadonlySet<string>,
): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return missingValues.has(raw) ? null : raw;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new NotFiniteError(column, raw);
    return String(raw);
  }
  if (typeof raw === 'boolean') return String(raw);
  throw new InvalidValueError(column, raw);
}

/** Reads a boolean as 1 or 0; CSV texts are matched case-insensitively against the spec's lists. */
export function parseBoolean(
  column: string,
  raw: RawValue,
  missingValues: ReadonlySet<string>,
  booleanValues: { true: readonly string[]; false: readonly string[] },
): 0 | 1 | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string' || typeof raw === 'number') {
    // A JSON number is read as its CSV spelling, so both paths accept exactly the same values.
    const spelled = String(raw);
    if (missingValues.has(spelled)) return null;
    const text = spelled.trim().toLowerCase();
    if (missingValues.has(text)) return null;
    if (booleanValues.true.some((value) => value.toLowerCase() === text)) return 1;
    if (booleanValues.false.some((value) => value.toLowerCase() === text)) return 0;
    throw new NotBooleanError(column, raw, [...booleanValues.true, ...booleanValues.false]);
  }
  throw new InvalidValueError(column, raw);
}
