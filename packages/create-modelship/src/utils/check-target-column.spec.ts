import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTargetColumn, readMaxClasses } from './check-target-column.js';
import { ScaffoldError } from './scaffold-error.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'create-modelship-target-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A CSV of `rows` rows with an id, a quoted free-text column and the target given per row.
function writeCsv(name: string, rows: number, target: (row: number) => string, eol = '\n'): string {
  const lines = Array.from(
    { length: rows },
    (_, row) =>
      `${row},"note ${row}, with ""quotes""${row % 7 === 0 ? '\nand a line break' : ''}",${target(row)}`,
  );
  const file = join(dir, name);
  writeFileSync(file, `\uFEFFticket,note,outcome${eol}${lines.join(eol)}${eol}`);
  return file;
}

const cycle = (values: readonly string[]) => (row: number) => values[row % values.length];

describe('checkTargetColumn', () => {
  it.each([
    ['yes/no with gaps', cycle(['yes', 'no', '', 'no']), '2 distinct values: "yes", "no"'],
    ['0/1 integers', cycle(['1', '0', '0']), '2 distinct values: "1", "0"'],
    [
      'quoted labels with commas',
      cycle(['"late, paid"', '"on time"']),
      '2 distinct values: "late, paid", "on time"',
    ],
  ])('accepts a binary target: %s', (name, target, rule) => {
    const csv = writeCsv(`${name.replaceAll(/\W+/g, '-')}.csv`, 40, target);
    expect(checkTargetColumn(csv, 'outcome')).toMatchObject({
      task: 'binary',
      rule,
      problem: undefined,
    });
  });

  it('reads CRLF files the same', () => {
    const csv = writeCsv('crlf.csv', 30, cycle(['a', 'b']), '\r\n');
    expect(checkTargetColumn(csv, 'outcome').task).toBe('binary');
  });

  it.each([
    ['missing on every row', 25, () => 'NA', 'is empty on every row (25 rows)'],
    [
      'one class beside missing values',
      25,
      cycle(['spam', '', 'null']),
      'holds one value, "spam", on every row with a value (9 rows)',
    ],
    [
      'more text classes than the maximum',
      120,
      (row: number) => `c${row % 60}`,
      'holds more than 50 distinct text values',
    ],
  ])('refuses a target %s, naming the column and the file', (name, rows, target, problem) => {
    const csv = writeCsv(`${name.replaceAll(/\W+/g, '-')}.csv`, rows, target);
    const check = checkTargetColumn(csv, 'outcome');
    expect(check.task).toBeUndefined();
    expect(check.problem).toContain(
      `column "outcome" of ${name.replaceAll(/\W+/g, '-')}.csv ${problem}`,
    );
  });

  it('counts classes against --max-classes', () => {
    const csv = writeCsv('five.csv', 50, cycle(['a', 'b', 'c', 'd', 'e']));
    expect(checkTargetColumn(csv, 'outcome', 4).problem).toContain(
      'more than 4 distinct text values',
    );
    expect(checkTargetColumn(csv, 'outcome', 5)).toMatchObject({
      task: 'multiclass',
      problem: undefined,
      classes: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(readMaxClasses(undefined)).toBe(50);
    expect(readMaxClasses('7')).toBe(7);
  });

  it.each([
    [
      'multiclass',
      'three text classes',
      cycle(['low', 'mid', 'high']),
      '3 distinct text values: "low", "mid", "high"',
    ],
    ['multiclass', 'integer class codes', cycle(['3', '1', '2', '4']), '4 distinct integers'],
    [
      'regression',
      'a price',
      (row: number) => (row * 1.35).toFixed(2),
      'numbers with a fractional part',
    ],
    [
      'regression',
      'a count that hardly repeats',
      (row: number) => String(row * 11),
      'integers with 40 distinct values in 40 rows',
    ],
  ])('accepts a %s target (%s), naming the rule', (task, name, target, rule) => {
    const file = `${name.replaceAll(/\W+/g, '-')}.csv`;
    const check = checkTargetColumn(writeCsv(file, 40, target), 'outcome');
    expect(check).toMatchObject({ task, problem: undefined });
    expect(check.rule).toContain(rule);
  });

  it('lists the classes of a classification target in the order they first occur', () => {
    const check = checkTargetColumn(
      writeCsv('tiers.csv', 30, cycle(['mid', '', 'low', 'high'])),
      'outcome',
    );
    expect(check).toMatchObject({ task: 'multiclass', classes: ['mid', 'low', 'high'] });
    expect(check.meanBaseline).toBeUndefined();
  });

  it('measures the errors of predicting the mean of a regression target, skipping missing values', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, standard deviation 2, mean absolute deviation 1.5.
    const values = ['2', '4', 'NA', '4', '4', '5', '', '5', '7', '9.0'];
    const check = checkTargetColumn(
      writeCsv('spread.csv', values.length, (row) => values[row] ?? ''),
      'outcome',
    );
    expect(check).toMatchObject({ task: 'regression', classes: [] });
    expect(check.meanBaseline?.rmse).toBeCloseTo(2, 12);
    expect(check.meanBaseline?.mae).toBeCloseTo(1.5, 12);
  });

  it('throws a ScaffoldError for a file without the column', () => {
    const csv = writeCsv('other.csv', 3, cycle(['a', 'b']));
    expect(() => checkTargetColumn(csv, 'label')).toThrow(ScaffoldError);
  });
});
