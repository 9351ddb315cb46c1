import { afterAll, describe, expect, it } from '@jest/globals';
import { catchMessage, createTempDir } from '../../test/temp-files.js';
import { CsvError } from './csv-error.js';
import { readCsvHeader } from './stream-csv-batches.js';
import type { CsvRecord } from './stream-csv-rows.js';
import { streamCsvRows } from './stream-csv-rows.js';
import type { CsvStreamOptions } from './stream-csv-batches.js';

const temp = createTempDir();
afterAll(temp.cleanup);

async function readAll(file: string, options?: CsvStreamOptions): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const record of streamCsvRows(file, options)) records.push(record);
  return records;
}

describe('streamCsvRows', () => {
  it('yields values by header name with the line each row starts on', async () => {
    const file = temp.write('multi.csv', 'id,note\n1,plain\n\n2,"two\nlines"\n3,"say ""hi"""\n');
    expect(await readAll(file)).toEqual([
      { values: { id: '1', note: 'plain' }, line: 2 },
      { values: { id: '2', note: 'two\nlines' }, line: 4 },
      { values: { id: '3', note: 'say "hi"' }, line: 6 },
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads %s line endings, with and without a final line break', async (_name, eol) => {
    const body = ['a,b', '1,2', '3,"x', 'y"', '5,6'].join(eol);
    for (const content of [body, body + eol]) {
      const records = await readAll(temp.write('eol.csv', content));
      expect(records.map((record) => record.line)).toEqual([2, 3, 5]);
      expect(records[1].values['b']).toBe(`x${eol}y`);
    }
  });

  it('gives the same rows and lines whatever the read chunk size', async () => {
    const rows = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? `${i},"multi\nline ${i}"` : `${i},é${i}`,
    );
    const file = temp.write('chunks.csv', `\uFEFFn,text\n${rows.join('\n')}\n`);
    const whole = await readAll(file, { chunkBytes: 1 << 16 });
    expect(whole).toHaveLength(300);
    expect(whole.at(-1)?.line).toBe(300 + 1 + Math.floor(299 / 7) + 1);
    for (const chunkBytes of [1, 3, 17, 64])
      expect(await readAll(file, { chunkBytes })).toEqual(whole);
  });

  it('reads the header alone, stripping a UTF-8 byte-order mark', async () => {
    expect(await readCsvHeader(temp.write('bom.csv', '\uFEFFx,y\n1,2\n'))).toEqual(['x', 'y']);
  });
});

describe('streamCsvRows on malformed files', () => {
  const cases: [string, string | Buffer, CsvStreamOptions][] = [
    ['empty', '', {}],
    ['blank-lines', '\n\n  \n'.replace('  ', ''), {}],
    ['no-header', '1,2.5,3\n4,5,6\n', {}],
    ['blank-name', 'a,,c\n1,2,3\n', {}],
    ['duplicate-name', 'a,b,a\n1,2,3\n', {}],
    ['too-many-fields', 'a,b\n1,2\n3,4,5\n', {}],
    ['too-few-fields', 'a,b,c\n1,2,3\n4,5\n', {}],
    ['unterminated-quote', 'a,b\n1,2\n3,"open\n5,6\n', {}],
    ['bad-quote', 'a,b\n1,"x"y\n', {}],
    [
      'latin1',
      Buffer.concat([
        Buffer.from('name,city\nana,lisbon\nbea,'),
        Buffer.from([0x4d, 0xe1, 0x6c, 0x61, 0x67, 0x61]),
        Buffer.from('\n'),
      ]),
      {},
    ],
    ['utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]), {}],
    ['header-mismatch', 'id,agee,extra\n1,2,3\n', { expectedColumns: ['id', 'age', 'churned'] }],
  ];

  it('fails with a CsvError naming the file, line and fix for every malformed case', async () => {
    const messages: Record<string, string> = {};
    for (const [name, content, options] of cases) {
      const file = temp.write(`${name}.csv`, content);
      const error = await readAll(file, options).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CsvError);
      messages[name] =
        `${(error as CsvError).code} ${(error as CsvError).message.split(temp.dir).join('<dir>')}`;
    }
    expect(messages).toMatchInlineSnapshot(`
      {
        "bad-quote": "E_CSV_BAD_QUOTE <dir>/bad-quote.csv:2: a quoted field has text after its closing quote (column "b"). Fix: close the quote, and double every quote character inside a quoted field ("")",
        "blank-lines": "E_CSV_NO_HEADER <dir>/blank-lines.csv: the file holds only blank lines: there is no header row. Fix: write a header row and at least one data row",
        "blank-name": "E_CSV_HEADER_BLANK <dir>/blank-name.csv:1: header field 2 of 3 is blank. Fix: give every column a name in the first row",
        "duplicate-name": "E_CSV_HEADER_DUPLICATE <dir>/duplicate-name.csv:1: header fields 1 and 3 have the same name (column "a"). Fix: rename one of the two columns",
        "empty": "E_CSV_EMPTY <dir>/empty.csv: the file is empty. Fix: write a header row and at least one data row",
        "header-mismatch": "E_CSV_HEADER_MISMATCH <dir>/header-mismatch.csv:1: the header does not match the schema: missing "age", "churned"; unexpected "agee", "extra". Fix: rename the CSV columns, or update the schema (\`modelship schema infer\` writes a new one)",
        "latin1": "E_CSV_ENCODING <dir>/latin1.csv:3: the file is not valid UTF-8 (bytes 0xE1 0x6C). Fix: save the file as UTF-8, for example \`iconv -f latin1 -t utf-8 in.csv > out.csv\`",
        "no-header": "E_CSV_NO_HEADER <dir>/no-header.csv:1: the first row (1,2.5,3) holds only numbers: the header row is missing. Fix: add a first row with the column names",
        "too-few-fields": "E_CSV_RAGGED_ROW <dir>/too-few-fields.csv:3: the row has 2 fields but the header has 3. Fix: add the missing fields (leave a value empty to mark it missing)",
        "too-many-fields": "E_CSV_RAGGED_ROW <dir>/too-many-fields.csv:3: the row has 3 fields but the header has 2. Fix: quote values that contain ",", or remove the extra fields",
        "unterminated-quote": "E_CSV_UNTERMINATED_QUOTE <dir>/unterminated-quote.csv:3: a quoted field opened on this line is never closed (column "b"). Fix: close the quote, and double every quote character inside a quoted field ("")",
        "utf16": "E_CSV_ENCODING <dir>/utf16.csv:1: the file starts with a UTF-16 LE byte-order mark; only UTF-8 is read. Fix: save the file as UTF-8, for example \`iconv -f utf-16 -t utf-8 in.csv > out.csv\`",
      }
    `);
  });

  it('stops an unterminated quote before it buffers the whole file', async () => {
    const file = temp.write('runaway.csv', `a,b\n1,"${'x,y\n'.repeat(5000)}`);
    const error = await readAll(file, { maxRowChars: 1000, chunkBytes: 256 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CsvError);
    expect(error).toMatchObject({ code: 'E_CSV_UNTERMINATED_QUOTE', line: 2 });
  });

  it('names a file that does not exist', async () => {
    const failure = await catchMessage(temp.dir, () => readAll(`${temp.dir}/nope.csv`));
    expect(failure.code).toBe('E_CSV_READ');
  });
});
