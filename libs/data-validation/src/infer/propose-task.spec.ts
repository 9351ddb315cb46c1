import { describe, expect, it } from '@jest/globals';
import type { Task } from '@modelship/core';
import { DEFAULT_MISSING_VALUES } from '../schema/schema-defaults.js';
import { ColumnProfile } from './column-profile.js';
import { InferError } from './infer-error.js';
import type { ProposeTaskOptions } from './propose-task.js';
import { DEFAULT_MAX_CLASSES, proposeTask } from './propose-task.js';

const missing = new Set<string>(DEFAULT_MISSING_VALUES);

// The profile inferSchema builds for a target column, from its CSV texts.
function profileOf(values: readonly string[], maxClasses = DEFAULT_MAX_CLASSES): ColumnProfile {
  const profile = new ColumnProfile(maxClasses);
  for (const value of values) {
    if (missing.has(value)) profile.addMissing();
    else profile.add(value);
  }
  return profile;
}

const cycle = (values: readonly string[], rows: number): string[] =>
  Array.from({ length: rows }, (_, row) => values[row % values.length]);
const range = (rows: number, value: (row: number) => string): string[] =>
  Array.from({ length: rows }, (_, row) => value(row));

const where = { file: 'data/y.csv', column: 'outcome' };

function propose(values: readonly string[], options: Partial<ProposeTaskOptions> = {}) {
  return proposeTask(profileOf(values, options.maxClasses), { ...where, ...options });
}

function errorOf(action: () => unknown): InferError {
  try {
    action();
  } catch (error) {
    if (error instanceof InferError) return error;
    throw error;
  }
  throw new Error('expected an InferError');
}

describe('proposeTask', () => {
  it.each<[string, string[], Task, string]>([
    ['two texts', cycle(['yes', 'no', 'no'], 30), 'binary', '2 distinct values'],
    ['booleans', cycle(['true', 'false'], 20), 'binary', '2 distinct values'],
    ['0/1 integers', cycle(['0', '1'], 20), 'binary', '2 distinct values'],
    ['two fractional numbers', cycle(['0.5', '2.5'], 20), 'binary', '2 distinct values'],
    ['three texts', cycle(['red', 'green', 'blue'], 30), 'multiclass', '3 distinct text values'],
    [
      'five repeating integers',
      range(100, (r) => String(r % 5)),
      'multiclass',
      '5 distinct integers',
    ],
    [
      'fractional numbers',
      range(40, (r) => (r * 1.25).toFixed(2)),
      'regression',
      'fractional part',
    ],
    [
      'integers that never repeat',
      range(30, (r) => String(r * 7)),
      'regression',
      '30 distinct values in 30 rows',
    ],
    [
      'integers with more values than maxClasses',
      range(300, (r) => String(r % 60)),
      'regression',
      'more than 50 distinct values',
    ],
    [
      'texts with missing values among them',
      [...cycle(['a', 'b', 'c'], 30), '', 'NA'],
      'multiclass',
      '3 distinct text values',
    ],
  ])('proposes the task for %s and says which rule chose it', (_name, values, task, rule) => {
    const proposal = propose(values);
    expect(proposal.task).toBe(task);
    expect(proposal.rule).toContain(rule);
  });

  it('counts classes against a configurable maximum', () => {
    const values = cycle(['a', 'b', 'c', 'd', 'e'], 50);
    expect(propose(values, { maxClasses: 5 }).task).toBe('multiclass');
    expect(errorOf(() => propose(values, { maxClasses: 4 })).message).toBe(
      'data/y.csv: target "outcome" holds more than 4 distinct text values; classification allows at most 4 classes. Fix: group the values into at most 4 classes, raise the maximum (--max-classes), or choose another target column',
    );
  });

  it.each([
    ['missing on every row', ['', 'NA', ''], 'is missing on every row (3 rows)'],
    ['one value', cycle(['yes', ''], 10), 'holds one value, "yes", on every row'],
    ['one number', cycle(['3'], 10), 'holds one value, "3", on every row'],
    ['too many texts', range(60, (r) => `c${r}`), 'holds more than 50 distinct text values'],
  ])('refuses a target %s whatever the task', (_name, values, problem) => {
    for (const task of [undefined, 'binary', 'multiclass', 'regression'] as const) {
      const error = errorOf(() => propose(values, { task }));
      expect(error.code).toBe('E_TARGET_UNUSABLE');
      expect(error.message).toContain(`data/y.csv: target "outcome" ${problem}`);
    }
  });

  it.each<[Task, string[], Task]>([
    ['regression', range(100, (r) => String(r % 5)), 'multiclass'],
    ['multiclass', range(30, (r) => String(r * 7)), 'regression'],
    ['binary', cycle(['1', '0'], 10), 'binary'],
  ])('lets --task %s override a target proposed as %s', (task, values, proposed) => {
    const proposal = propose(values, { task });
    expect(proposal.task).toBe(task);
    expect(proposal.rule).toContain(
      task === proposed
        ? '2 distinct values'
        : `chosen with --task (the values alone suggest ${proposed}`,
    );
  });

  it.each<[Task, string[], string]>([
    [
      'binary',
      cycle(['red', 'green', 'blue'], 30),
      'task binary contradicts target "outcome": a binary target holds exactly 2 values, this one holds 3 distinct values. Fix: use task multiclass, or map the target to two values',
    ],
    [
      'binary',
      range(40, (r) => (r / 3).toFixed(3)),
      'task binary contradicts target "outcome": a binary target holds exactly 2 values, this one holds 40 distinct values. Fix: use task regression, or map the target to two values',
    ],
    [
      'regression',
      cycle(['red', 'green', 'blue'], 30),
      'task regression contradicts target "outcome": it holds values that are not numbers. Fix: use task multiclass, or choose a numeric target column',
    ],
    [
      'regression',
      cycle(['yes', 'no'], 30),
      'task regression contradicts target "outcome": it holds values that are not numbers. Fix: use task binary, or choose a numeric target column',
    ],
    [
      'multiclass',
      cycle(['yes', 'no'], 30),
      'task multiclass contradicts target "outcome": it holds 2 values. Fix: use task binary',
    ],
    [
      'multiclass',
      range(200, (r) => (r / 7).toFixed(4)),
      'task multiclass contradicts target "outcome": it holds more than 50 distinct values; classification allows at most 50 classes. Fix: use task regression, or raise the maximum (--max-classes)',
    ],
  ])('refuses task %s when the values contradict it, naming the fix', (task, values, message) => {
    const error = errorOf(() => propose(values, { task }));
    expect(error.code).toBe('E_TARGET_TASK');
    expect(error.message).toBe(`data/y.csv: ${message}`);
  });
});
