import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import { loadTaskDataset, sortClasses } from './load-task-dataset.js';

const schemaOf = (kind: 'multiclass' | 'numeric', type: 'categorical' | 'number'): DatasetSchema => ({
  schemaVersion: 1,
  name: 'parcels',
  target: { column: 'answer', kind },
  columns: [
    { name: 'ref', type: 'string', role: 'id' },
    { name: 'weight', type: 'number', role: 'feature' },
    { name: 'answer', type, role: 'target' },
  ],
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-load-task-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function writeCsv(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('loadTaskDataset', () => {
  it('labels multiclass rows by their index in the sorted class vocabulary', async () => {
    const file = await writeCsv('mc.csv', ['ref,weight,answer', 'a,1,medium', 'b,2,high', 'c,,low', 'd,4,high']);
    const dataset = await loadTaskDataset(file, schemaOf('multiclass', 'categorical'), 'multiclass');
    expect(dataset.classes).toEqual(['high', 'low', 'medium']);
    expect(Array.from(dataset.labels)).toEqual([2, 0, 1, 0]);
    expect(dataset.rows).toEqual([{ weight: '1' }, { weight: '2' }, { weight: '' }, { weight: '4' }]);
  });

  it('sorts integer class labels numerically, text labels by text', () => {
    expect(sortClasses(['10', '2', '-1', '1'])).toEqual(['-1', '1', '2', '10']);
    expect(sortClasses(['b', '10', 'a', '2'])).toEqual(['10', '2', 'a', 'b']);
  });

  it('refuses a multiclass target with one class', async () => {
    const file = await writeCsv('one.csv', ['ref,weight,answer', 'a,1,x', 'b,2,x']);
    await expect(loadTaskDataset(file, schemaOf('multiclass', 'categorical'), 'multiclass')).rejects.toThrow(
      /every row has the same target "x"; a classifier needs two classes or more/,
    );
  });

  it('parses a regression target as numbers in its own units', async () => {
    const file = await writeCsv('reg.csv', ['ref,weight,answer', 'a,1,120.5', 'b,2,-3', 'c,3,1e3']);
    const dataset = await loadTaskDataset(file, schemaOf('numeric', 'number'), 'regression');
    expect(dataset.classes).toBeNull();
    expect(Array.from(dataset.labels)).toEqual([120.5, -3, 1000]);
  });

  it('refuses a non-numeric regression target, naming file, row and column', async () => {
    const file = await writeCsv('bad.csv', ['ref,weight,answer', 'a,1,120.5', 'b,2,cheap']);
    await expect(loadTaskDataset(file, schemaOf('numeric', 'number'), 'regression')).rejects.toThrow(
      `${file}:3: "cheap" is not a finite number, and a regression target must be one on every row (column "answer")`,
    );
  });

  it('gives binary the classes [negative, positive] beside its 0/1 labels', async () => {
    const file = await writeCsv('bin.csv', ['ref,weight,answer', 'a,1,no', 'b,2,yes']);
    const schema: DatasetSchema = { ...schemaOf('multiclass', 'categorical'), target: { column: 'answer', kind: 'binary' } };
    const dataset = await loadTaskDataset(file, schema, 'binary');
    expect(dataset.classes).toEqual(['no', 'yes']);
    expect(Array.from(dataset.labels)).toEqual([0, 1]);
  });
});
