import type { ColumnType } from '@modelship/data-validation';
import { DataSourceError } from '../errors/data-source-error.js';
import { compareHighWater } from './compare-high-water.js';
import type { CellFormatter } from './create-cell-formatter.js';
import type { ScanCheck } from './cell-byte-checks.js';
import { compareIntegerBytes, flagged } from './cell-byte-checks.js';
import { misfitError, noHighWaterValue } from './row-errors.js';

export type { ScanCheck } from './cell-byte-checks.js';

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
