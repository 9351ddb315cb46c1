import { INVALID, parseNumber } from '../schema/cell-parsers.js';

/** How raw values (CSV text or JSON from a request) are read for drift statistics. */
export interface ValueReader {
  missing: Set<string>;
  true: Set<string>;
  false: Set<string>;
}

export function createValueReader(
  missing: readonly string[],
  booleans: { true: readonly string[]; false: readonly string[] },
): ValueReader {
  const cases = (values: readonly string[]): Set<string> =>
    new Set(
      values.flatMap((value) => [
        value,
        value.toLowerCase(),
        value.toUpperCase(),
        value.charAt(0).toUpperCase() + value.slice(1).toLowerCase(),
      ]),
    );
  return { missing: new Set(missing), true: cases(booleans.true), false: cases(booleans.false) };
}

/** A number, or undefined for a missing or unreadable value. */
export function readNumber(value: unknown, reader: ValueReader): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || reader.missing.has(value)) return undefined;
  const parsed = parseNumber(value);
  return parsed === INVALID ? undefined : parsed;
}

/** A category text (booleans as "true" / "false"), or undefined for a missing value. */
export function readCategory(
  value: unknown,
  reader: ValueReader,
  boolean: boolean,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (reader.missing.has(text)) return undefined;
  if (boolean) return reader.true.has(text) ? 'true' : reader.false.has(text) ? 'false' : text;
  return text;
}
