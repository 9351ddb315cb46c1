import { afterAll, describe, expect, it } from '@jest/globals';
import { createTempDir } from '../../../test/temp-files.js';
import type { ColumnSchema, DatasetSchema } from '../../schema/dataset-schema.js';
import { validateDataset } from '../validate-dataset.js';
import type { CheckResult } from '../validation-report.js';

const temp = createTempDir();
afterAll(temp.cleanup);

function schemaWith(
  column: Partial<ColumnSchema>,
  extra: Partial<DatasetSchema> = {},
): DatasetSchema {
  return {
    schemaVersion: 1,
    name: 'rules',
    target: { column: 'y', kind: 'binary', positive: '1' },
    columns: [
      { name: 'x', type: 'string', role: 'feature', ...column },
      { name: 'y', type: 'integer', role: 'target' },
    ],
    ...extra,
  };
}

// Each case: the column x, its CSV values (y alternates 0/1), the rule checked, and the result.
const cases: [string, Partial<ColumnSchema>, string[], string, boolean, number[]][] = [
  ['integer accepts whole numbers', { type: 'integer' }, ['1', '-2', '30'], 'type', true, []],
  [
    'integer rejects decimals and text',
    { type: 'integer' },
    ['1', '2.5', 'abc'],
    'type',
    false,
    [3, 4],
  ],
  [
    'number rejects hex, infinity and padding',
    { type: 'number' },
    ['1.5', '0x1F', 'Infinity', ' 2', '1e3'],
    'type',
    false,
    [3, 4, 5],
  ],
  [
    'boolean accepts the usual words in any case',
    { type: 'boolean' },
    ['true', 'No', 'YES', 'f'],
    'type',
    true,
    [],
  ],
  ['boolean rejects other words', { type: 'boolean' }, ['true', 'maybe'], 'type', false, [3]],
  [
    'datetime accepts ISO 8601',
    { type: 'datetime' },
    ['2024-01-31', '2024-01-31T10:00:00Z'],
    'type',
    true,
    [],
  ],
  [
    'datetime rejects other formats',
    { type: 'datetime' },
    ['2024-01-31', '31/01/2024', '2024-13-01'],
    'type',
    false,
    [3, 4],
  ],
  [
    'non-nullable fails on a missing value',
    { nullable: false },
    ['a', '', 'NA'],
    'missing',
    false,
    [3, 4],
  ],
  [
    'missing share within the limit passes',
    { maxMissingShare: 0.5 },
    ['a', '', 'b', 'c'],
    'missing',
    true,
    [3],
  ],
  [
    'missing share over the limit fails',
    { maxMissingShare: 0.25 },
    ['a', '', 'NaN', 'c'],
    'missing',
    false,
    [3, 4],
  ],
  [
    'range is inclusive',
    { type: 'number', min: 0, max: 10 },
    ['0', '10', '5.5'],
    'range',
    true,
    [],
  ],
  [
    'range flags values below and above',
    { type: 'integer', min: 0, max: 10 },
    ['-1', '5', '11'],
    'range',
    false,
    [2, 4],
  ],
  [
    'categories flag unknown values',
    { type: 'categorical', categories: ['a', 'b'] },
    ['a', 'c', 'B'],
    'categories',
    false,
    [3, 4],
  ],
  [
    'unique flags repeats after the first',
    { unique: true },
    ['a', 'b', 'a', 'a'],
    'unique',
    false,
    [4, 5],
  ],
  [
    'ids must be distinct',
    { role: 'id', type: 'integer' },
    ['1', '2', '2'],
    'duplicate-ids',
    false,
    [4],
  ],
];

describe('validation rules', () => {
  it.each(cases)('%s', async (name, column, values, rule, passed, lines) => {
    const rows = values.map((value, i) => `${value.includes(',') ? `"${value}"` : value},${i % 2}`);
    const file = temp.write(`${name.replace(/\W+/g, '-')}.csv`, `x,y\n${rows.join('\n')}\n`);
    const report = await validateDataset(file, schemaWith(column));
    const check = report.checks.find(
      (entry) => entry.rule === rule && entry.column === 'x',
    ) as CheckResult;
    expect({ passed: check.passed, lines: check.examples.map((example) => example.line) }).toEqual({
      passed,
      lines,
    });
    expect(report.passed).toBe(passed);
  });

  // Rows labelled in production never carry the columns the model does not read.
  it.each(['id', 'ignore'] as const)(
    'a %s column may miss values whatever its nullable and maxMissingShare say',
    async (role) => {
      const file = temp.write(`missing-${role}.csv`, 'x,y\na,0\n,1\nNA,0\n');
      const strict = { role, nullable: false };
      for (const column of [strict, { role, maxMissingShare: 0.1 }]) {
        const report = await validateDataset(file, schemaWith(column));
        expect(report.checks.filter((check) => check.rule === 'missing')).toEqual([]);
        expect(report.passed).toBe(true);
      }
      // The same column as a feature fails: the rule itself is on.
      expect((await validateDataset(file, schemaWith({ nullable: false }))).passed).toBe(false);
    },
  );

  it.each([
    [
      'two values with the positive one passes',
      ['0', '1', '1'],
      { kind: 'binary', positive: '1' },
      true,
      'ok',
    ],
    [
      'a third value fails',
      ['0', '1', '2'],
      { kind: 'binary', positive: '1' },
      false,
      'a binary target needs exactly 2 values, found 3 or more: "0", "1", "2" (for three classes or more set `task: multiclass` in params.yaml and target.kind "multiclass" in the schema)',
    ],
    [
      'a missing positive value fails',
      ['0', '2', '2'],
      { kind: 'binary', positive: '1' },
      false,
      'the positive value "1" never occurs',
    ],
    [
      'a missing target fails',
      ['0', '', '1'],
      { kind: 'binary', positive: '1' },
      false,
      '1 rows have no target',
    ],
    ['a numeric target takes any number', ['0.5', '-3', '1e2'], { kind: 'numeric' }, true, 'ok'],
    [
      'a numeric target with text fails, naming the classification tasks',
      ['0.5', 'high', '1e2'],
      { kind: 'numeric' },
      false,
      '1 values are not numbers (for a target that names classes set `task: multiclass` or `binary` in params.yaml and the schema\'s target.kind to match)',
    ],
    ['a multiclass target takes a third class and more', ['low', 'normal', 'urgent', 'normal', 'vip'], { kind: 'multiclass' }, true, 'ok'],
    [
      'a multiclass target with two classes fails, naming binary',
      ['low', 'urgent', 'low'],
      { kind: 'multiclass' },
      false,
      'a multiclass target needs 3 classes or more, found 2: "low", "urgent" (for two classes set `task: binary` in params.yaml and target.kind "binary" in the schema)',
    ],
    [
      'a missing multiclass target fails',
      ['low', '', 'normal', 'urgent'],
      { kind: 'multiclass' },
      false,
      '1 rows have no target',
    ],
  ] as const)('target: %s', async (name, targets, target, passed, message) => {
    const file = temp.write(
      `target-${name.replace(/\W+/g, '-')}.csv`,
      `x,y\n${targets.map((y) => `a,${y}`).join('\n')}\n`,
    );
    const schema: DatasetSchema = { ...schemaWith({}), target: { column: 'y', ...target } };
    schema.columns[1] = { name: 'y', type: 'string', role: 'target' };
    const check = (await validateDataset(file, schema)).checks.find(
      (entry) => entry.rule === 'target',
    ) as CheckResult;
    expect([check.passed, check.message]).toEqual([passed, message]);
  });

  it.each([
    [{ minRows: 2 }, true],
    [{ minRows: 4 }, false],
    [{ maxRows: 2 }, false],
  ])('row count %j on 3 rows passes: %s', async (dataset, passed) => {
    const file = temp.write('rows.csv', 'x,y\na,0\nb,1\nc,1\n');
    const check = (await validateDataset(file, schemaWith({}, { dataset }))).checks.find(
      (entry) => entry.rule === 'row-count',
    ) as CheckResult;
    expect(check.passed).toBe(passed);
  });

  it('keeps at most maxExamples offending rows but counts them all', async () => {
    const file = temp.write(
      'many.csv',
      `x,y\n${Array.from({ length: 20 }, (_, i) => `bad${i},${i % 2}`).join('\n')}\n`,
    );
    const report = await validateDataset(file, schemaWith({ type: 'integer' }), { maxExamples: 3 });
    const check = report.checks.find((entry) => entry.rule === 'type') as CheckResult;
    expect([check.failures, check.examples.length, check.message]).toEqual([
      20,
      3,
      '20 values are not integer',
    ]);
  });
});
