import { afterAll, describe, expect, it } from '@jest/globals';
import { createTempDir } from '../../test/temp-files.js';
import { checkSchema } from '../schema/check-schema.js';
import { formatSchema } from '../schema/write-schema.js';
import { validateDataset } from '../validate/validate-dataset.js';
import { inferSchema } from './infer-schema.js';

const temp = createTempDir();
afterAll(temp.cleanup);

function writeCsv(
  name: string,
  header: string[],
  rows: number,
  cell: (row: number, column: string) => string,
): string {
  const lines = Array.from({ length: rows }, (_, row) =>
    header.map((column) => cell(row, column)).join(','),
  );
  return temp.write(name, `${header.join(',')}\n${lines.join('\n')}\n`);
}

describe('inferSchema', () => {
  it('infers types, ranges, categories, missing shares, ids and the binary target', async () => {
    const file = writeCsv(
      'mixed.csv',
      ['key', 'score', 'count', 'flag', 'plan', 'note', 'seen', 'label'],
      200,
      (row, column) => {
        const values: Record<string, string> = {
          key: `K${row}`,
          score: (row / 8).toFixed(3),
          count: String(row % 9),
          flag: row % 3 === 0 ? 'yes' : 'no',
          plan: ['basic', 'pro', 'team'][row % 3],
          note: row % 10 === 0 ? '' : `free text ${row}`,
          seen: `2024-01-${String((row % 28) + 1).padStart(2, '0')}`,
          label: row % 4 === 0 ? 'churn' : 'stay',
        };
        return values[column];
      },
    );
    const schema = await inferSchema(file, { target: 'label', name: 'mixed' });
    expect(checkSchema(JSON.parse(formatSchema(schema)))).toEqual(schema);
    expect(schema.target).toEqual({ column: 'label', kind: 'binary', positive: 'churn' });
    expect(schema.columns.map(({ name, type, role }) => `${name}: ${type} ${role}`)).toEqual([
      'key: string id',
      'score: number feature',
      'count: integer feature',
      'flag: boolean feature',
      'plan: categorical feature',
      'note: string ignore',
      'seen: datetime ignore',
      'label: categorical target',
    ]);
    expect(schema.columns[1]).toMatchObject({ min: 0, max: 24.875, nullable: false });
    expect(schema.columns[4].categories).toEqual(['basic', 'pro', 'team']);
    expect(schema.columns[5]).toMatchObject({ nullable: true, maxMissingShare: 0.15 });
    expect(schema.columns[0]).toMatchObject({ unique: true });
  });

  it('detects ids by distinct values, never by the column name', async () => {
    const file = writeCsv('ids.csv', ['id', 'row_number', 'y'], 50, (row, column) =>
      column === 'id'
        ? String(row % 5)
        : column === 'row_number'
          ? String(1000 + row)
          : String(row % 2),
    );
    const schema = await inferSchema(file, { target: 'y' });
    expect(schema.columns.map((column) => column.role)).toEqual(['feature', 'id', 'target']);
  });

  it.each([
    ['0/1 integers: the larger value', ['0', '1'], '1'],
    ['booleans: the true one', ['false', 'true'], 'true'],
    ['words: the rarer one', ['stay', 'stay', 'leave'], 'leave'],
  ])('picks the positive value of a binary target for %s', async (_name, cycle, positive) => {
    const file = writeCsv(`target-${positive}.csv`, ['x', 'y'], 30, (row, column) =>
      column === 'x' ? String(row) : cycle[row % cycle.length],
    );
    expect((await inferSchema(file, { target: 'y' })).target.positive).toBe(positive);
  });

  it('infers a numeric target and reads only sampleRows rows', async () => {
    const file = writeCsv('numeric.csv', ['x', 'price'], 100, (row, column) =>
      column === 'x' ? String(row) : String(row * 1.5),
    );
    const schema = await inferSchema(file, { target: 'price', sampleRows: 10 });
    expect(schema.target).toEqual({ column: 'price', kind: 'numeric' });
    expect(schema.columns[1]).toMatchObject({ min: 0, max: 13.5 });
  });

  it('writes a schema the same file then validates against', async () => {
    const file = writeCsv('roundtrip.csv', ['a', 'b', 'y'], 100, (row, column) =>
      column === 'a' ? String(row % 7) : column === 'b' ? ['x', 'y', ''][row % 3] : String(row % 2),
    );
    const report = await validateDataset(file, await inferSchema(file, { target: 'y' }));
    expect(report.summary.failed).toBe(0);
  });

  it('fails with the header when the target column is absent', async () => {
    const file = writeCsv('no-target.csv', ['a', 'b'], 3, () => '1');
    await expect(inferSchema(file, { target: 'label' })).rejects.toMatchObject({
      code: 'E_INFER_TARGET',
    });
  });
});
