import type { ColumnType, DatasetSchema } from './dataset-schema.js';
import { getBooleanValues } from './schema-defaults.js';

/** A parsed cell: a number (number, integer, boolean as 0/1, datetime as epoch ms) or text. */
export type CellValue = number | string;

/** Returned by a cell parser for text that is not of the column's type. */
export const INVALID: unique symbol = Symbol('invalid');

export type CellParser = (raw: string) => CellValue | typeof INVALID;

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/**
 * Parses a decimal number strictly: `Number()` alone also accepts " 1", "0x1F" and "Infinity".
 * Cheap character checks instead of a regex keep validation near parse speed.
 */
export function parseNumber(raw: string): number | typeof INVALID {
  const value = Number(raw);
  if (!Number.isFinite(value)) return INVALID;
  if (isSpace(raw.charCodeAt(0)) || isSpace(raw.charCodeAt(raw.length - 1))) return INVALID;
  const second = raw.charCodeAt(1) | 32;
  if (second === 120 || second === 111 || second === 98) return INVALID; // 0x, 0o, 0b
  return value;
}

export function parseInteger(raw: string): number | typeof INVALID {
  const value = parseNumber(raw);
  return value !== INVALID && Number.isInteger(value) ? value : INVALID;
}

export function parseDatetime(raw: string): number | typeof INVALID {
  if (!ISO_DATE.test(raw)) return INVALID;
  const value = Date.parse(raw);
  return Number.isNaN(value) ? INVALID : value;
}

function createBooleanParser(schema: Pick<DatasetSchema, 'booleanValues'>): CellParser {
  const values = getBooleanValues(schema);
  return (raw) => (values.true.has(raw) ? 1 : values.false.has(raw) ? 0 : INVALID);
}

const identity: CellParser = (raw) => raw;

/** The parser that reads a column's CSV text as its declared type. */
export function createCellParser(
  type: ColumnType,
  schema: Pick<DatasetSchema, 'booleanValues'>,
): CellParser {
  const parsers: Record<ColumnType, CellParser> = {
    number: parseNumber,
    integer: parseInteger,
    boolean: createBooleanParser(schema),
    datetime: parseDatetime,
    categorical: identity,
    string: identity,
  };
  return parsers[type];
}
