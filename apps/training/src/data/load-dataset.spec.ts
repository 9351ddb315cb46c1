import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from './load-dataset.js';
import type { DatasetSchema } from '@modelship/data-validation';

const schema: DatasetSchema = {
  schemaVersion: 1,
  name: 'shapes',
  target: { column: 'outcome', kind: 'binary' },
  columns: [
    { name: 'ref', type: 'string', role: 'id' },
    { name: 'size', type: 'number', role: 'feature' },
    { name: 'shade', type: 'categorical', role: 'feature' },
    { name: 'outcome', type: 'categorical', role: 'target' },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeCsv(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('loadDataset', () => {
  it('keeps the feature columns as text and labels the positive class 1', async () => {
    const file = await writeCsv('ok.csv', ['ref,size,shade,outcome', 'a,1.5,red,yes', 'b,,blue,no', 'c,3,red,yes']);
    const dataset = await loadDataset(file, schema);
    expect(dataset.rows).toEqual([
      { size: '1.5', shade: 'red' },
      { size: '', shade: 'blue' },
      { size: '3', shade: 'red' },
    ]);
    expect(Array.from(dataset.labels)).toEqual([1, 0, 1]);
    expect(dataset.target).toEqual({ column: 'outcome', positive: 'yes', negative: 'no' });
  });

  it('uses the schema\'s positive class when set', async () => {
    const file = await writeCsv('custom.csv', ['ref,size,shade,outcome', 'a,1,red,churn', 'b,2,red,stay']);
    const dataset = await loadDataset(file, { ...schema, target: { column: 'outcome', kind: 'binary', positive: 'churn' } });
    expect(Array.from(dataset.labels)).toEqual([1, 0]);
  });

  it.each([
    ['a missing target column', ['ref,size,shade', 'a,1,red'], 'E_TARGET_MISSING'],
    ['a missing feature column', ['ref,size,outcome', 'a,1,yes'], 'E_DATA_COLUMN_MISSING'],
    ['a third target class', ['ref,size,shade,outcome', 'a,1,red,yes', 'b,1,red,no', 'c,1,red,maybe'], 'E_TARGET_CLASSES'],
    ['a single class', ['ref,size,shade,outcome', 'a,1,red,yes', 'b,1,red,yes'], 'E_TARGET_SINGLE_CLASS'],
    ['a missing label', ['ref,size,shade,outcome', 'a,1,red,yes', 'b,1,red,'], 'E_TARGET_VALUE_MISSING'],
    ['two classes of no known polarity', ['ref,size,shade,outcome', 'a,1,red,cat', 'b,1,red,dog'], 'E_TARGET_POSITIVE'],
    ['no rows', ['ref,size,shade,outcome'], 'E_DATA_EMPTY'],
    ['an infinite number', ['ref,size,shade,outcome', 'a,Infinity,red,yes'], 'E_DATA_NOT_NUMERIC'],
  ])('refuses %s before training', async (_case, lines, code) => {
    const file = await writeCsv(`${code}.csv`, lines);
    await expect(loadDataset(file, schema)).rejects.toMatchObject({ code, file });
  });

  it('names the file, line, column and value of a non-numeric number', async () => {
    const file = await writeCsv('bad.csv', ['ref,size,shade,outcome', 'a,1,red,yes', 'b,twelve,red,no']);
    const error = await loadDataset(file, schema).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DATA_NOT_NUMERIC', line: 3, column: 'size', value: 'twelve' });
    expect((error as Error).message.replace(dir, '<dir>')).toMatchInlineSnapshot(
      `"<dir>/bad.csv:3: "twelve" is not a number (column "size"). Fix: correct the value, list it in the schema's \`missingValues\`, or make the column categorical"`,
    );
  });

  it('says how to get the data when the file does not exist', async () => {
    await expect(loadDataset(join(dir, 'absent.csv'), schema)).rejects.toMatchObject({
      code: 'E_CSV_READ',
      message: expect.stringContaining('modelship data prepare'),
    });
  });
});
