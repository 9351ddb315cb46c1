import type { SqlKind } from '../drivers/sql-driver.js';

/**
 * A driver's value as canonical text of its SQL kind, or null when it is NULL: booleans as
 * `true`/`false`, numbers as the server wrote them, timestamps as ISO 8601 (UTC ones end in Z,
 * fractions kept to the microsecond), dates as YYYY-MM-DD. Non-finite numbers come back as
 * `NaN`/`Infinity` text for the type check to refuse.
 */
export function normaliseValue(value: unknown, kind: SqlKind): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return value === true || value === 't' || value === 1 ? 'true' : 'false';
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    case 'timestamp':
      return value instanceof Date
        ? value.toISOString().slice(0, -1)
        : normaliseTimestampText(String(value), false);
    case 'timestamptz':
      return value instanceof Date
        ? value.toISOString()
        : normaliseTimestampText(String(value), true);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

// PostgreSQL's ISO DateStyle: `2024-01-02 03:04:05.123456+00` in a UTC session.
function normaliseTimestampText(text: string, utc: boolean): string {
  const iso = text.replace(' ', 'T');
  if (!utc) return iso;
  return iso.replace(/(?:\+00(?::00)?|Z)$/, '') + 'Z';
}
