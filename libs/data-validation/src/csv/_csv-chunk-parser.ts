import Papa from 'papaparse';
import { CsvError } from './csv-error.js';
import { checkHeader } from './_check-header.js';

/** Rows of one decoded chunk, with the physical line each row starts on. */
export interface CsvBatch {
  header: readonly string[];
  rows: string[][];
  lines: number[];
}

export interface ChunkParserOptions {
  file: string;
  delimiter: string;
  expectedColumns?: readonly string[];
  allowExtraColumns: boolean;
  maxRowChars: number;
}

interface PapaResult {
  data: string[][];
  errors: { code: string; row?: number }[];
  meta: { cursor: number };
}

function detectNewline(text: string, final: boolean): '\n' | '\r\n' | '\r' | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1) return lf === -1 ? (final ? '\n' : undefined) : '\n';
  if (lf === cr + 1) return '\r\n';
  if (cr === text.length - 1 && !final) return undefined;
  return lf !== -1 && lf < cr ? '\n' : '\r';
}

function countChar(text: string, char: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && at < end; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function countRowBreaks(row: string[], char: string): number {
  let count = 0;
  for (const field of row) if (field.includes(char)) count += countChar(field, char, field.length);
  return count;
}

/**
 * Feeds decoded text to papaparse's low-level parser chunk by chunk, carrying the partial last
 * row over, and tracks physical line numbers (quoted fields may span lines).
 */
export class CsvChunkParser {
  private partial = '';
  private parser: Papa.Parser | undefined;
  private lineChar = '\n';
  private nextLine = 1;
  header: string[] | undefined;

  constructor(private readonly options: ChunkParserOptions) {}

  push(text: string, final: boolean): CsvBatch | undefined {
    const input = this.partial + text;
    if (!this.parser) {
      const newline = detectNewline(input, final);
      if (!newline) return this.carry(input, 0);
      this.lineChar = newline === '\r' ? '\r' : '\n';
      this.parser = new Papa.Parser({ delimiter: this.options.delimiter, newline, quoteChar: '"' });
    }
    const result = this.parser.parse(input, 0, !final) as PapaResult;
    const consumed = final ? input.length : result.meta.cursor;
    const rows = result.data;
    const breaks = countChar(input, this.lineChar, consumed);
    const embedded = breaks - (final ? rows.length - 1 : rows.length);
    const quoteErrors = result.errors.filter((error) => (error.row ?? 0) < rows.length);
    const batch = this.collect(rows, embedded > 0, quoteErrors);
    if (!final) this.carry(input, consumed);
    return batch;
  }

  private carry(input: string, consumed: number): undefined {
    this.partial = consumed === 0 ? input : input.slice(consumed);
    if (this.partial.length > this.options.maxRowChars) {
      const quoted = this.partial.includes('"');
      throw new CsvError({
        code: quoted ? 'E_CSV_UNTERMINATED_QUOTE' : 'E_CSV_ROW_TOO_LONG',
        file: this.options.file,
        line: this.nextLine,
        value: this.partial.length,
        problem: quoted
          ? `a quoted field opened on this line is still open after ${this.options.maxRowChars} characters`
          : `a row is longer than ${this.options.maxRowChars} characters`,
        fix: quoted
          ? 'close the quote, or double the quote characters inside the field ("")'
          : 'check the line endings and the delimiter',
      });
    }
    return undefined;
  }

  private collect(
    parsed: string[][],
    multiline: boolean,
    errors: { code: string; row?: number }[],
  ): CsvBatch | undefined {
    const rows: string[][] = [];
    const lines: number[] = [];
    const errorRow = errors.length > 0 ? (errors[0].row ?? 0) : -1;
    for (let index = 0; index < parsed.length; index++) {
      const row = parsed[index];
      const line = this.nextLine;
      this.nextLine += 1 + (multiline ? countRowBreaks(row, this.lineChar) : 0);
      if (index === errorRow) this.throwQuoteError(errors[0].code, row, line);
      if (row.length === 1 && row[0] === '') continue;
      if (!this.header) {
        this.header = checkHeader(row, line, this.options);
        continue;
      }
      if (row.length !== this.header.length) this.throwRagged(row, line);
      rows.push(row);
      lines.push(line);
    }
    return this.header ? { header: this.header, rows, lines } : undefined;
  }

  private throwQuoteError(code: string, row: string[], line: number): never {
    const unterminated = code === 'MissingQuotes';
    throw new CsvError({
      code: unterminated ? 'E_CSV_UNTERMINATED_QUOTE' : 'E_CSV_BAD_QUOTE',
      file: this.options.file,
      line,
      column: this.header?.[row.length - 1],
      problem: unterminated
        ? 'a quoted field opened on this line is never closed'
        : 'a quoted field has text after its closing quote',
      fix: 'close the quote, and double every quote character inside a quoted field ("")',
    });
  }

  private throwRagged(row: string[], line: number): never {
    const expected = this.header?.length ?? 0;
    throw new CsvError({
      code: 'E_CSV_RAGGED_ROW',
      file: this.options.file,
      line,
      value: row.length,
      problem: `the row has ${row.length} fields but the header has ${expected}`,
      fix:
        row.length > expected
          ? `quote values that contain "${this.options.delimiter}", or remove the extra fields`
          : 'add the missing fields (leave a value empty to mark it missing)',
    });
  }
}
