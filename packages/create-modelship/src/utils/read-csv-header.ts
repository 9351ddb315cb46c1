import { closeSync, readSync } from 'node:fs';
import { openCsvFile } from './open-csv-file.js';
import { ScaffoldError } from './scaffold-error.js';

const MAX_HEADER_BYTES = 1 << 20;

/** Splits one CSV line into fields, honouring double quotes ("a,b" and "" escapes). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields.map((name) => name.trim());
}

/** The column names of a CSV file, read from its first line only (the file may be huge). */
export function readCsvHeader(path: string): string[] {
  const fd = openCsvFile(path);
  try {
    const buffer = Buffer.alloc(64 * 1024);
    let text = '';
    let offset = 0;
    while (!text.includes('\n') && offset < MAX_HEADER_BYTES) {
      const read = readSync(fd, buffer, 0, buffer.length, offset);
      if (read === 0) break;
      text += buffer.toString('utf8', 0, read);
      offset += read;
    }
    const [line = ''] = text.split(/\r?\n/);
    const columns = splitCsvLine(line.replace(/^\uFEFF/, '')).filter((name) => name !== '');
    if (columns.length < 2) {
      throw new ScaffoldError(
        'E_DATASET',
        `The CSV ${path} has ${columns.length} column name(s) in its first line; a dataset needs a header row with at least a feature and a target column, separated by commas.`,
      );
    }
    return columns;
  } finally {
    closeSync(fd);
  }
}
