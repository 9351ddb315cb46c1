import type { ColumnType } from '@modelship/data-validation';
import { DataSourceError } from '../errors/data-source-error.js';
import { compareHighWater } from './compare-high-water.js';
import type { CellFormatter } from './create-cell-formatter.js';
import { misfitError, noHighWaterValue } from './row-errors.js';

/**
 * What the scanner checks of a column's bytes. `none`: the server's text is the cell already;
 * `finite`: a number that must not be NaN/Infinity; `integral`: an integer column fed by a
 * non-integer SQL type; `datetime`: an ISO timestamp (anything else, e.g. `infinity`, is flagged);
 * `text`: every cell goes through the formatter (SQL/schema type pairs without a fast form).
 * A flagged cell becomes a string and the cursor path's formatter decides: its text or its misfit.
 */
export type ScanCheck = 'none' | 'finite' | 'integral' | 'datetime' | 'text';

export interface ScanColumn {
  name: string;
  check: ScanCheck;
  nullable: boolean;
  /** The cursor path's formatter of this column, for flagged cells. */
  format: CellFormatter;
}

export interface CsvRowScannerOptions {
  columns: ScanColumn[];
  /** The text the server writes unquoted for NULL (the schema's missing text). */
  nullText: string;
  /** The schema's path, for messages. */
  schemaFile: string;
  incrementalColumn?: string | undefined;
  incrementalType?: ColumnType;
}

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const MINUS = 45;

/**
 * Checks RFC 4180 CSV rows as the server streams them, without a JS string per cell: the bytes of
 * complete rows go out as they came (apart from the rare flagged cell the formatter rewrites), a
 * row cut by a chunk boundary is carried into the next chunk.
 */
export class CsvRowScanner {
  rows = 0;
  private carry: Buffer | null = null;
  private readonly nullBytes: Buffer;
  private readonly hwmIndex: number;
  // Columns whose every cell is checked; the others only when quoted or as long as the NULL text.
  private readonly checked: boolean[];
  private maxBytes: Buffer | null = null;
  private maxText: string | null = null;
  // Rewrites of the current buffer: [start, end, replacement], row by row.
  private edits: [number, number, Buffer][] = [];

  constructor(private readonly options: CsvRowScannerOptions) {
    this.nullBytes = Buffer.from(options.nullText);
    const hwm = options.incrementalColumn;
    this.hwmIndex = hwm === undefined ? -1 : options.columns.findIndex((c) => c.name === hwm);
    this.checked = options.columns.map((c, i) => c.check !== 'none' || i === this.hwmIndex);
  }

  /** The incremental column's largest cell so far, null without one or without rows. */
  get highWaterMark(): string | null {
    return this.maxText ?? this.maxBytes?.toString('utf8') ?? null;
  }

  /**
   * The CSV bytes of the rows this chunk completes.
   * @throws DataSourceError naming the row and column of a value that does not fit its type
   */
  push(chunk: Buffer): Buffer[] {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    this.edits = [];
    const rowEnd = this.scan(buf);
    const out: Buffer[] = [];
    let from = 0;
    for (const [start, end, replacement] of this.edits) {
      out.push(buf.subarray(from, start), replacement);
      from = end;
    }
    if (rowEnd > from) out.push(buf.subarray(from, rowEnd));
    // A copy: the chunk's memory may belong to a larger socket buffer.
    if (rowEnd < buf.length) this.carry = Buffer.from(buf.subarray(rowEnd));
    return out;
  }

  /** @throws DataSourceError when the stream ended inside a row */
  end(): void {
    if (this.carry) {
      throw new DataSourceError(
        'E_SOURCE_VALUE',
        `The server's CSV ended inside row ${this.rows + 1} (${this.carry.length} bytes without a line end).`,
      );
    }
  }

  // --- internal ---

  /** Scans whole rows; returns the offset after the last complete one. */
  private scan(buf: Buffer): number {
    const width = this.options.columns.length;
    const length = buf.length;
    const checked = this.checked;
    const nullLength = this.nullBytes.length;
    let rowStart = 0;
    let pos = 0;
    let column = 0;
    let committed = 0;
    while (pos < length) {
      const start = pos;
      let quoted = false;
      if (buf[pos] === QUOTE) {
        quoted = true;
        pos += 1;
        for (;;) {
          const close = buf.indexOf(QUOTE, pos);
          if (close < 0 || close + 1 >= length) return this.cut(rowStart, committed);
          if (buf[close + 1] !== QUOTE) {
            pos = close + 1;
            break;
          }
          pos = close + 2;
        }
      } else {
        let byte = buf[pos];
        while (byte !== COMMA && byte !== NEWLINE && pos < length) byte = buf[++pos];
        if (pos >= length) return this.cut(rowStart, committed);
      }
      const delimiter = buf[pos];
      const last = column === width - 1;
      if (
        (delimiter === COMMA && last) ||
        (delimiter === NEWLINE && !last) ||
        (delimiter !== COMMA && delimiter !== NEWLINE)
      ) {
        throw this.malformed(column);
      }
      if (quoted || checked[column] || pos - start === nullLength) {
        this.checkCell(buf, column, start, pos, quoted);
      }
      pos += 1;
      if (delimiter === COMMA) {
        column += 1;
      } else {
        this.rows += 1;
        column = 0;
        rowStart = pos;
        committed = this.edits.length;
      }
    }
    return this.cut(rowStart, committed);
  }

  private cut(rowStart: number, committed: number): number {
    this.edits.length = committed; // the carried row is scanned again, edits and all
    return rowStart;
  }

  private checkCell(buf: Buffer, index: number, start: number, end: number, quoted: boolean): void {
    const column = this.options.columns[index] as ScanColumn;
    const row = this.rows + 1;
    const nulls = this.nullBytes;
    const isHwm = index === this.hwmIndex;
    if (
      end - start === nulls.length &&
      !quoted &&
      buf.compare(nulls, 0, nulls.length, start, end) === 0
    ) {
      if (!column.nullable) throw this.misfit(row, column, column.format(null));
      if (isHwm) throw noHighWaterValue(row, column.name);
      return;
    }
    // The server quotes a value equal to the NULL text; the cursor path writes it bare.
    if (
      quoted &&
      end - start === nulls.length + 2 &&
      buf.compare(nulls, 0, nulls.length, start + 1, end - 1) === 0
    ) {
      this.edits.push([start, end, nulls]);
      if (isHwm) throw noHighWaterValue(row, column.name);
      return;
    }
    let cellText: string | null = null;
    if (quoted || flagged(column.check, buf, start, end)) {
      const raw = buf.toString('utf8', start, end);
      const cell = column.format(quoted ? raw.slice(1, -1).replaceAll('""', '"') : raw);
      if (typeof cell !== 'string') throw this.misfit(row, column, cell);
      if (cell !== raw) this.edits.push([start, end, Buffer.from(cell)]);
      cellText = cell;
    }
    if (isHwm) this.trackMax(buf, start, end, cellText);
  }

  private trackMax(buf: Buffer, start: number, end: number, cellText: string | null): void {
    const type = this.options.incrementalType ?? 'integer';
    if (type === 'integer' && cellText === null && this.maxText === null) {
      if (this.maxBytes === null || compareIntegerBytes(buf, start, end, this.maxBytes) > 0) {
        this.maxBytes = Buffer.from(buf.subarray(start, end));
      }
      return;
    }
    const text = cellText ?? buf.toString('utf8', start, end);
    const current = this.highWaterMark;
    if (current === null || compareHighWater(text, current, type) > 0) this.maxText = text;
    else this.maxText = current;
  }

  private misfit(
    row: number,
    column: ScanColumn,
    cell: string | { misfit: string },
  ): DataSourceError {
    const misfit = typeof cell === 'string' ? 'not a value of its type' : cell.misfit;
    return misfitError(row, column.name, misfit, this.options.schemaFile);
  }

  private malformed(column: number): DataSourceError {
    return new DataSourceError(
      'E_SOURCE_VALUE',
      `Row ${this.rows + 1} of the result, column ${column + 1}: the server's CSV does not have ${this.options.columns.length} fields.`,
    );
  }
}

// --- internal ---

/** Whether a cell's bytes need the formatter's verdict (see ScanCheck). */
function flagged(check: ScanCheck, buf: Buffer, start: number, end: number): boolean {
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
function compareIntegerBytes(buf: Buffer, start: number, end: number, other: Buffer): number {
  const negative = buf[start] === MINUS;
  const otherNegative = other[0] === MINUS;
  if (negative !== otherNegative) return negative ? -1 : 1;
  const sign = negative ? -1 : 1;
  const length = end - start;
  if (length !== other.length) return sign * (length - other.length);
  return sign * buf.compare(other, 0, other.length, start, end);
}
