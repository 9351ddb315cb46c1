const MINUS = 45;

/**
 * What the scanner checks of a column's bytes. `none`: the server's text is the cell already;
 * `finite`: a number that must not be NaN/Infinity; `integral`: an integer column fed by a
 * non-integer SQL type; `datetime`: an ISO timestamp (anything else, e.g. `infinity`, is flagged);
 * `text`: every cell goes through the formatter (SQL/schema type pairs without a fast form).
 * A flagged cell becomes a string and the cursor path's formatter decides: its text or its misfit.
 */
export type ScanCheck = 'none' | 'finite' | 'integral' | 'datetime' | 'text';

/** Whether a cell's bytes need the formatter's verdict (see ScanCheck). */
export function flagged(check: ScanCheck, buf: Buffer, start: number, end: number): boolean {
  const first = buf[start] as number;
  switch (check) {
    case 'none':
      return false;
    case 'finite': // NaN, Infinity, -Infinity: PostgreSQL's only non-decimal number texts
      return first === 78 || first === 73 || (first === MINUS && buf[start + 1] === 73);
    case 'integral':
      for (let i = first === MINUS ? start + 1 : start; i < end; i += 1) {
        if (!isDigit(buf[i] as number)) return true;
      }
      return end === start;
    case 'datetime': {
      // YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.f][Z]; `infinity`, BC or five-digit years are flagged.
      const lastByte = buf[end - 1] as number;
      const time =
        buf[start + 10] === 84 && (lastByte === 90 || (lastByte >= 48 && lastByte <= 57));
      return !(isDigit(first) && buf[start + 4] === MINUS && (end - start === 10 || time));
    }
    default:
      return true;
  }
}

function isDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}

/** Orders the integer text buf[start, end) against `other` (no leading zeros, as servers write them). */
export function compareIntegerBytes(
  buf: Buffer,
  start: number,
  end: number,
  other: Buffer,
): number {
  const negative = buf[start] === MINUS;
  const otherNegative = other[0] === MINUS;
  if (negative !== otherNegative) return negative ? -1 : 1;
  const sign = negative ? -1 : 1;
  const length = end - start;
  if (length !== other.length) return sign * (length - other.length);
  return sign * buf.compare(other, 0, other.length, start, end);
}
