/** How many characters of a client's value an error message may quote. */
export const QUOTED_VALUE_CHARS = 80;

/** `an array`, `null`, `a string`: how a JSON value reads in an error message. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A client's value as an error message may quote it: scalars as JSON (strings cut to
 * QUOTED_VALUE_CHARS), containers by their type and size only. It never calls String() or
 * JSON.stringify() on an object or array, whose size and depth the client chose.
 */
export function formatClientValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > QUOTED_VALUE_CHARS
        ? `${JSON.stringify(value.slice(0, QUOTED_VALUE_CHARS))}... (${value.length} characters)`
        : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length} items`;
      return 'an object';
  }
}

/** A client's text (a key, a name) cut to QUOTED_VALUE_CHARS for an error message. */
export function clipText(text: string): string {
  return text.length > QUOTED_VALUE_CHARS ? `${text.slice(0, QUOTED_VALUE_CHARS)}...` : text;
}
