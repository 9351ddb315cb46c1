import { afterAll, describe, expect, it } from '@jest/globals';
import { createTempDir } from '../../test/temp-files.js';
import { checkSchema } from '../schema/check-schema.js';
import { getTargetKind, getTargetTask } from '../schema/target-task.js';
import { formatSchema } from '../schema/write-schema.js';
import { validateDataset } from '../validate/validate-dataset.js';
import { inferSchemaAndTask } from './infer-schema.js';

const temp = createTempDir();
afterAll(temp.cleanup);

// A CSV unlike the sample: an id, a numeric and a text feature with gaps, and the given target.
function writeCsv(name: string, rows: number, target: (row: number) => string): string {
  const lines = Array.from(
    { length: rows },
    (_, row) =>
      `R-${row},${row % 11 === 0 ? '' : ((row * 37) % 101) / 4},${['north', 'south', 'east', ''][row % 4]},${target(row)}`,
  );
  return temp.write(name, `ref,load_kw,zone,${'outcome'}\n${lines.join('\n')}\n`);
}

describe('inferSchemaAndTask', () => {
  it.each([
    [
      'a text target of four classes',
      (r: number) => ['low', 'mid', 'high', 'urgent'][r % 4],
      'multiclass',
      'multiclass',
    ],
    ['an integer class code', (r: number) => String((r * 3) % 7), 'multiclass', 'multiclass'],
    ['a price with cents', (r: number) => (10 + r * 0.37).toFixed(2), 'regression', 'numeric'],
    ['a count that hardly repeats', (r: number) => String(r * 13), 'regression', 'numeric'],
    ['a yes/no flag', (r: number) => (r % 3 === 0 ? 'yes' : 'no'), 'binary', 'binary'],
  ])(
    'proposes the task of %s and writes it as the target kind',
    async (name, target, task, kind) => {
      const file = writeCsv(`${name.replaceAll(/[^a-z]+/g, '-')}.csv`, 120, target);
      const inferred = await inferSchemaAndTask(file, { target: 'outcome' });
      expect(inferred.task.task).toBe(task);
      expect(inferred.task.rule.length).toBeGreaterThan(10);
      expect(inferred.schema.target.kind).toBe(kind);
      expect(getTargetTask(inferred.schema.target)).toBe(task);
      const written = checkSchema(JSON.parse(formatSchema(inferred.schema)));
      expect(written).toEqual(inferred.schema);
      const report = await validateDataset(file, written);
      expect(report.checks.filter((check) => !check.passed)).toEqual([]);
    },
  );

  it('takes the task the user chose when the values allow it', async () => {
    const file = writeCsv('chosen.csv', 90, (r) => String(r % 6));
    const inferred = await inferSchemaAndTask(file, { target: 'outcome', task: 'regression' });
    expect(inferred.task.task).toBe('regression');
    expect(inferred.task.rule).toMatch(/^chosen with --task \(the values alone suggest multiclass/);
    expect(inferred.schema.target).toEqual({ column: 'outcome', kind: 'numeric' });
  });

  it('refuses a chosen task the values contradict, before writing anything', async () => {
    const file = writeCsv('contradicts.csv', 90, (r) => ['a', 'b', 'c'][r % 3]);
    await expect(
      inferSchemaAndTask(file, { target: 'outcome', task: 'binary' }),
    ).rejects.toMatchObject({
      code: 'E_TARGET_TASK',
      message: expect.stringContaining('task binary contradicts target "outcome"'),
    });
  });

  it('refuses more classes than maxClasses, and accepts them under a higher maximum', async () => {
    const file = writeCsv('many.csv', 200, (r) => `class-${r % 12}`);
    await expect(
      inferSchemaAndTask(file, { target: 'outcome', maxClasses: 10 }),
    ).rejects.toMatchObject({
      code: 'E_TARGET_UNUSABLE',
      message: expect.stringContaining('more than 10 distinct text values'),
    });
    const inferred = await inferSchemaAndTask(file, { target: 'outcome', maxClasses: 12 });
    expect(inferred.task.task).toBe('multiclass');
    expect(inferred.schema.columns.at(-1)?.categories).toHaveLength(12);
  });

  it('refuses a target missing on every row', async () => {
    const file = writeCsv('empty-target.csv', 20, () => '');
    await expect(inferSchemaAndTask(file, { target: 'outcome' })).rejects.toMatchObject({
      code: 'E_TARGET_UNUSABLE',
      message: expect.stringContaining('is missing on every row (20 rows)'),
    });
  });
});

describe('getTargetTask and getTargetKind', () => {
  it.each([
    ['binary', 'binary'],
    ['multiclass', 'multiclass'],
    ['numeric', 'regression'],
  ] as const)('map kind %s to task %s and back', (kind, task) => {
    expect(getTargetTask({ kind })).toBe(task);
    expect(getTargetKind(task)).toBe(kind);
  });
});
