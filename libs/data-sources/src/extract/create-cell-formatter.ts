import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import {
  INVALID,
  getBooleanValues,
  parseDatetime,
  parseInteger,
  parseNumber,
} from '@modelship/data-validation';
import type { SqlColumn } from '../drivers/sql-driver.js';
import { normaliseValue } from './normalise-value.js';

/** A cell's CSV text, or the reason it does not fit the column's schema type. */
export type CellFormatter = (value: unknown) => string | { misfit: string };

/**
 * How one result column becomes CSV cells of its schema column: NULL is the schema's missing
 * text, booleans its first true/false text, and every other value must parse as the schema type
 * exactly as validation will parse it (`parseNumber`, `parseInteger`, `parseDatetime`).
 */
export function createCellFormatter(
  sql: SqlColumn,
  column: ColumnSchema,
  schema: Pick<DatasetSchema, 'booleanValues' | 'missingValues'>,
): CellFormatter {
  const missing = schema.missingValues?.[0] ?? '';
  const nullable = column.nullable !== false;
  const fit = createFit(sql, column, schema);
  return (value) => {
    const text = normaliseValue(value, sql.kind);
    if (text === null)
      return nullable ? missing : { misfit: 'NULL in a column that is not nullable' };
    return fit(text);
  };
}

// --- internal ---

type Fit = (text: string) => string | { misfit: string };

function createFit(
  sql: SqlColumn,
  column: ColumnSchema,
  schema: Pick<DatasetSchema, 'booleanValues'>,
): Fit {
  const misfit = (text: string) => ({
    misfit: `${quote(text)} (${sql.sqlType}) is not ${describeType(column.type)}`,
  });
  switch (column.type) {
    case 'integer':
      // A server integer is already an integer's text; anything else is checked as validation would.
      if (sql.kind === 'integer') return (text) => text;
      return (text) => (parseInteger(text) === INVALID ? misfit(text) : text);
    case 'number':
      return (text) => (parseNumber(text) === INVALID ? misfit(text) : text);
    case 'boolean': {
      const values = getBooleanValues(schema);
      const [yes, no] = [
        first(schema.booleanValues?.true, 'true'),
        first(schema.booleanValues?.false, 'false'),
      ];
      return (text) => {
        if (sql.kind === 'boolean') return text === 'true' ? yes : no;
        if (sql.kind === 'integer' && (text === '0' || text === '1'))
          return text === '1' ? yes : no;
        return values.true.has(text) || values.false.has(text) ? text : misfit(text);
      };
    }
    case 'datetime':
      return (text) => (parseDatetime(text) === INVALID ? misfit(text) : text);
    default:
      return escapeCsv;
  }
}

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function escapeCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function first(values: readonly string[] | undefined, fallback: string): string {
  return values?.[0] ?? fallback;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function describeType(type: ColumnSchema['type']): string {
  return type === 'integer' ? 'an integer' : `a ${type}`;
}
