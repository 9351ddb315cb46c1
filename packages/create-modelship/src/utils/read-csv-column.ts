import { closeSync, readSync } from 'node:fs';
import { openCsvFile } from './open-csv-file.js';
import { ScaffoldError } from './scaffold-error.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onValue` with every data row's value of one column, reading the file in chunks so a
 * large CSV never sits in memory. Quoted fields may hold commas, doubled quotes and line breaks.
 * @throws ScaffoldError `E_DATASET` when the file cannot be read or has no such column
 */
export function readCsvColumn(
  path: string,
  column: string,
  onValue: (value: string) => void,
): void {
  const fd = openCsvFile(path);
  let index = -1;
  const parser = new CsvRowParser((row) => {
    if (parser.rows === 1) {
      index = row
        .map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim())
        .indexOf(column);
      if (index === -1)
        throw new ScaffoldError('E_DATASET', `The CSV ${path} has no column "${column}".`);
      return;
    }
    if (row.length === 1 && row[0] === '') return; // a blank line
    onValue(row[index] ?? '');
  });
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let offset = 0;
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read === 0) break;
      offset += read;
      parser.push(decoder.decode(buffer.subarray(0, read), { stream: true }));
    }
    parser.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * The first data rows of a CSV (at most `limit`, from the first MiB of the file) by column name,
 * for examples.
 * @throws ScaffoldError `E_DATASET` when the file cannot be read
 */
export function readCsvHead(path: string, limit: number): Record<string, string>[] {
  const fd = openCsvFile(path);
  const rows: string[][] = [];
  const parser = new CsvRowParser((row) => {
    if (rows.length <= limit && !(row.length === 1 && row[0] === '')) rows.push(row);
  });
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    parser.push(new TextDecoder('utf-8').decode(buffer.subarray(0, read)));
  } finally {
    closeSync(fd);
  }
  const [header = [], ...data] = rows;
  const names = header.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  return data.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])));
}

// --- internal ---

// A CSV state machine over text chunks: RFC 4180 quoting, \n or \r\n line ends.
class CsvRowParser {
  rows = 0;
  private row: string[] = [];
  private field = '';
  private quoted = false;
  private afterQuote = false;

  constructor(private readonly onRow: (row: string[]) => void) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i];
      if (this.quoted) {
        if (char === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else this.field += char;
      } else if (char === '"') {
        if (this.afterQuote) this.field += '"'; // "" inside quotes
        this.quoted = true;
        this.afterQuote = false;
      } else if (char === ',') {
        this.endField();
      } else if (char === '\n') {
        this.endRow();
      } else if (char !== '\r') {
        this.field += char;
        this.afterQuote = false;
      }
    }
  }

  end(): void {
    if (this.field !== '' || this.row.length > 0) this.endRow();
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.afterQuote = false;
  }

  private endRow(): void {
    this.endField();
    this.rows += 1;
    const row = this.row;
    this.row = [];
    this.onRow(row);
  }
}
