import type { ColumnType } from '@modelship/data-validation';
import { DataSourceError } from '../errors/data-source-error.js';

/** The schema types an incremental column may have: they order the rows. */
export const INCREMENTAL_TYPES: readonly ColumnType[] = ['integer', 'number', 'datetime'];

/**
 * Orders two CSV texts of an incremental column (negative, zero, positive): integers exactly
 * (BigInt, so int8 ids past 2^53 keep their order), numbers as doubles, timestamps to the
 * nanosecond (ISO text, fraction padded; both sides come from the same column, so the same zone form).
 */
export function compareHighWater(a: string, b: string, type: ColumnType): number {
  if (type === 'integer') {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (type === 'number') return Number(a) - Number(b);
  if (type === 'datetime') {
    const [x, y] = [datetimeKey(a), datetimeKey(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  throw new DataSourceError(
    'E_SOURCE_CONFIG',
    `An incremental column must be ${INCREMENTAL_TYPES.join(', ')} in the schema, not ${type}.`,
  );
}

// --- internal ---

// "2024-01-02T03:04:05.12Z" -> "2024-01-02T03:04:05.120000000Z"; a date alone is midnight.
function datetimeKey(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?(.*)$/.exec(text);
  if (!match) return text;
  const [, date, time = '00:00:00', fraction = '', zone = ''] = match;
  return `${date}T${time.padEnd(8, ':00')}.${fraction.padEnd(9, '0')}${zone}`;
}
