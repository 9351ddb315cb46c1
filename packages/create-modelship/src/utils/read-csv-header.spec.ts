import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvHeader, splitCsvLine } from './read-csv-header.js';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,1",b', ['a,1', 'b']],
    ['"say ""hi""", x ', ['say "hi"', 'x']],
    ['a,,b', ['a', '', 'b']],
  ])('%j -> %j', (line, fields) => {
    expect(splitCsvLine(line)).toEqual(fields);
  });
});

describe('readCsvHeader', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'csv-header-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the first line only, without a BOM or CR', () => {
    writeFileSync(join(folder, 'a.csv'), '\uFEFFid,"plan, tier",target\r\n1,x,0\r\n');
    expect(readCsvHeader(join(folder, 'a.csv'))).toEqual(['id', 'plan, tier', 'target']);
  });

  it.each([
    ['a file with one column', 'only\n1\n', /1 column name\(s\)/],
    ['an empty file', '', /0 column name\(s\)/],
  ])('rejects %s', (_case, text, message) => {
    writeFileSync(join(folder, 'b.csv'), text);
    expect(() => readCsvHeader(join(folder, 'b.csv'))).toThrow(message);
  });

  it('says which file it cannot read', () => {
    expect(() => readCsvHeader(join(folder, 'missing.csv'))).toThrow(
      /Cannot read the CSV .*missing\.csv: ENOENT/,
    );
  });
});
