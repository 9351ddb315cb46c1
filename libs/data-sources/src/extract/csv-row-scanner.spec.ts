import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { SqlColumn, SqlKind } from '../drivers/sql-driver.js';
import { createCellFormatter } from './create-cell-formatter.js';
import type { CsvRowScannerOptions, ScanCheck, ScanColumn } from './csv-row-scanner.js';
import { CsvRowScanner } from './csv-row-scanner.js';

const schema: Pick<DatasetSchema, 'booleanValues' | 'missingValues'> = { missingValues: [''] };

function column(
  name: string,
  type: ColumnSchema['type'],
  kind: SqlKind,
  sqlType: string,
  check: ScanCheck,
  nullable = true,
): ScanColumn {
  const sql: SqlColumn = { name, kind, sqlType };
  const format = createCellFormatter(sql, { name, type, role: 'feature', nullable }, schema);
  return { name, check, nullable, format };
}

const COLUMNS = [
  column('id', 'integer', 'integer', 'int8', 'none', false),
  column('label', 'string', 'text', 'text', 'none'),
  column('score', 'number', 'number', 'float8', 'finite'),
  column('count', 'integer', 'number', 'numeric', 'integral'),
];

function scanner(options: Partial<CsvRowScannerOptions> = {}): CsvRowScanner {
  return new CsvRowScanner({ columns: COLUMNS, nullText: '', schemaFile: 's.json', ...options });
}

/** Feeds `chunks` and returns the bytes out and the scanner. */
function feed(chunks: Buffer[], options: Partial<CsvRowScannerOptions> = {}) {
  const scan = scanner(options);
  const out = Buffer.concat(chunks.flatMap((chunk) => scan.push(chunk)));
  scan.end();
  return { text: out.toString('utf8'), scan };
}

const CSV = [
  '1,plain,0.5,3',
  '-12,"a, b",1e-7,-4',
  '300,"say ""hi""",,10',
  '4,"two\nlines\r\nhere",-2.25,',
  '25,,42,0',
  '',
].join('\n');

describe('CsvRowScanner', () => {
  it('passes the rows through at every chunk boundary, quoted commas, quotes and line ends included', () => {
    const bytes = Buffer.from(CSV);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const { text, scan } = feed([bytes.subarray(0, cut), bytes.subarray(cut)], {
        incrementalColumn: 'id',
      });
      expect({ cut, text }).toEqual({ cut, text: CSV });
      expect(scan.rows).toBe(5);
      expect(scan.highWaterMark).toBe('300');
    }
    const single = feed(
      [...bytes].map((byte) => Buffer.from([byte])),
      { incrementalColumn: 'id' },
    );
    expect(single.text).toBe(CSV);
    expect(single.scan.highWaterMark).toBe('300');
  });

  it('orders integer high-water marks on bytes: sign, then length, then digits', () => {
    const rows = ['-5,a,1,1', '-40,a,1,1', '9,a,1,1', '10,a,1,1', '7,a,1,1', ''].join('\n');
    expect(feed([Buffer.from(rows)], { incrementalColumn: 'id' }).scan.highWaterMark).toBe('10');
    const negative = ['-5,a,1,1', '-40,a,1,1', '-3,a,1,1', ''].join('\n');
    expect(feed([Buffer.from(negative)], { incrementalColumn: 'id' }).scan.highWaterMark).toBe(
      '-3',
    );
  });

  it('writes a quoted empty string bare, as the cursor path does', () => {
    expect(feed([Buffer.from('1,"",2,3\n2,"""",1,1\n')]).text).toBe('1,,2,3\n2,"""",1,1\n');
    const na = feed([Buffer.from('1,"NA",2,3\n2,NA,,1\n')], { nullText: 'NA' });
    expect(na.text).toBe('1,NA,2,3\n2,NA,,1\n');
  });

  it.each([
    ['NaN', /^Row 2 of the result, column "score": "NaN" \(float8\) is not a number/],
    ['Infinity', /^Row 2 of the result, column "score": "Infinity" \(float8\) is not a number/],
    ['-Infinity', /^Row 2 of the result, column "score": "-Infinity" \(float8\) is not a number/],
  ])('refuses %s in a number column, naming the row and column', (value, message) => {
    const bytes = Buffer.from(`1,a,1,1\n2,b,${value},1\n`);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      expect(() => feed([bytes.subarray(0, cut), bytes.subarray(cut)])).toThrow(message);
    }
  });

  it('refuses NULL in a column that is not nullable', () => {
    expect(() => feed([Buffer.from('1,a,1,1\n2,b,2,2\n,c,3,3\n')])).toThrow(
      /^Row 3 of the result, column "id": NULL in a column that is not nullable/,
    );
  });

  it('refuses a fractional value in an integer column, and keeps whole ones as validation reads them', () => {
    expect(() => feed([Buffer.from('1,a,1,1\n2,b,2,2.5\n')])).toThrow(
      /^Row 2 of the result, column "count": "2\.5" \(numeric\) is not an integer/,
    );
    expect(feed([Buffer.from('1,a,1,3.00\n')]).text).toBe('1,a,1,3.00\n');
  });

  it('refuses NULL in the incremental column', () => {
    const nullableId = [column('id', 'integer', 'integer', 'int8', 'none'), ...COLUMNS.slice(1)];
    expect(() =>
      feed([Buffer.from('1,a,1,1\n,b,2,2\n')], { columns: nullableId, incrementalColumn: 'id' }),
    ).toThrow(/^Row 2 of the result has no value in the incremental column "id"/);
  });

  it('puts a flagged cell through the formatter: a boolean from text, a timestamp that is not ISO', () => {
    const columns = [
      column('flag', 'boolean', 'text', 'text', 'text'),
      column('at', 'datetime', 'timestamptz', 'timestamptz', 'datetime'),
    ];
    const ok = feed([Buffer.from('true,2026-01-01T00:00:00.5Z\nfalse,2026-01-02\n')], { columns });
    expect(ok.text).toBe('true,2026-01-01T00:00:00.5Z\nfalse,2026-01-02\n');
    expect(() => feed([Buffer.from('maybe,2026-01-01\n')], { columns })).toThrow(
      /^Row 1 of the result, column "flag": "maybe" \(text\) is not a boolean/,
    );
    expect(() => feed([Buffer.from('true,infinity\n')], { columns })).toThrow(
      /^Row 1 of the result, column "at": "infinityZ" \(timestamptz\) is not a datetime/,
    );
  });

  it('refuses a stream that ends inside a row, or a row of the wrong width', () => {
    expect(() => feed([Buffer.from('1,a,1,1\n2,b')])).toThrow(/ended inside row 2/);
    expect(() => feed([Buffer.from('1,a,1\n')])).toThrow(/^Row 1 of the result, column 3: /);
    expect(() => feed([Buffer.from('1,a,1,1,9\n')])).toThrow(/^Row 1 of the result, column 4: /);
  });
});
