import { CsvError } from './csv-error.js';

interface HeaderOptions {
  file: string;
  expectedColumns?: readonly string[];
  allowExtraColumns: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function list(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

function checkNames(header: string[], line: number, file: string): void {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name.trim() === '') {
      throw new CsvError({
        code: 'E_CSV_HEADER_BLANK',
        file,
        line,
        value: index + 1,
        problem: `header field ${index + 1} of ${header.length} is blank`,
        fix: 'give every column a name in the first row',
      });
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new CsvError({
        code: 'E_CSV_HEADER_DUPLICATE',
        file,
        line,
        column: name,
        value: name,
        problem: `header fields ${first + 1} and ${index + 1} have the same name`,
        fix: 'rename one of the two columns',
      });
    }
    seen.set(name, index);
  });
  if (header.every((name) => NUMBER.test(name.trim()))) {
    throw new CsvError({
      code: 'E_CSV_NO_HEADER',
      file,
      line,
      value: header.slice(0, 5).join(','),
      problem: `the first row (${header.slice(0, 5).join(',')}) holds only numbers: the header row is missing`,
      fix: 'add a first row with the column names',
    });
  }
}

function checkExpected(header: string[], line: number, options: HeaderOptions): void {
  const expected = options.expectedColumns;
  if (!expected) return;
  const present = new Set(header);
  const missing = expected.filter((name) => !present.has(name));
  const known = new Set(expected);
  const unexpected = options.allowExtraColumns ? [] : header.filter((name) => !known.has(name));
  if (missing.length === 0 && unexpected.length === 0) return;
  const parts = [
    missing.length > 0 ? `missing ${list(missing)}` : '',
    unexpected.length > 0 ? `unexpected ${list(unexpected)}` : '',
  ].filter(Boolean);
  throw new CsvError({
    code: 'E_CSV_HEADER_MISMATCH',
    file: options.file,
    line,
    value: { missing, unexpected },
    problem: `the header does not match the schema: ${parts.join('; ')}`,
    fix: 'rename the CSV columns, or update the schema (`modelship schema infer` writes a new one)',
  });
}

/** Checks the header row: names present, distinct, not data, and matching the expected columns. */
export function checkHeader(row: string[], line: number, options: HeaderOptions): string[] {
  checkNames(row, line, options.file);
  checkExpected(row, line, options);
  return row;
}
