import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { getTargetKind } from '@modelship/data-validation';
import { loadTaskDataset } from './load-task-dataset.js';

// Every task against target values that contradict it: loading the data (before any training)
// stops with the problem and a fix naming the task that fits.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-task-target-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function schemaFor(task: Task): DatasetSchema {
  return {
    schemaVersion: 1,
    name: 'parcels',
    target: { column: 'answer', kind: getTargetKind(task) },
    columns: [
      { name: 'weight', type: 'number', role: 'feature' },
      { name: 'answer', type: task === 'regression' ? 'number' : 'string', role: 'target' },
    ],
  };
}

async function load(task: Task, targets: readonly string[]) {
  const file = join(dir, `${task}-${targets.slice(0, 4).join('-')}-${targets.length}.csv`);
  await writeFile(file, `weight,answer\n${targets.map((target, i) => `${i},${target}`).join('\n')}\n`);
  return loadTaskDataset(file, schemaFor(task), task);
}

const prices = Array.from({ length: 80 }, (_, i) => String(100 + i * 7.5));

describe('a task in params.yaml that contradicts the target values', () => {
  it.each([
    ['binary', 'three classes', ['low', 'high', 'mid'], 'E_TARGET_CLASSES', /a binary target holds a third class "mid".*Fix: set `task: multiclass`/],
    ['binary', 'prices', prices, 'E_TARGET_CLASSES', /a binary target holds a third class "115".*`task: regression`/],
    ['binary', 'one class', ['yes', 'yes', 'yes'], 'E_TARGET_SINGLE_CLASS', /every row/],
    ['multiclass', 'two classes', ['yes', 'no', 'yes'], 'E_TARGET_CLASSES', /declares task multiclass but the target holds only the classes "no", "yes".*Fix: set `task: binary`/],
    ['multiclass', 'prices', prices, 'E_TARGET_CLASSES', /holds 80 distinct numbers, more than the 50 classes.*Fix: set `task: regression`/],
    ['multiclass', 'one class', ['x', 'x'], 'E_TARGET_SINGLE_CLASS', /a classifier needs two classes or more/],
    ['regression', 'text', ['12.5', 'cheap', '14'], 'E_TARGET_NOT_NUMERIC', /"cheap" is not a finite number.*`task: multiclass`/],
    ['regression', 'two values', ['0', '1', '1', '0'], 'E_TARGET_CLASSES', /declares task regression but the target holds only the values "0", "1".*Fix: set `task: binary`/],
    ['regression', 'one value', ['3', '3', '3'], 'E_TARGET_CLASSES', /every row has the same target value "3"/],
  ] as const)('%s on %s: %s', async (task, _name, targets, code, message) => {
    const error = await load(task, targets).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code, column: 'answer' });
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ['binary', ['yes', 'no', 'yes']],
    ['multiclass', ['low', 'mid', 'high']],
    ['multiclass', ['1', '2', '3', '2']],
    ['regression', ['12.5', '13', '99']],
  ] as const)('lets %s through on %j', async (task, targets) => {
    await expect(load(task, targets)).resolves.toMatchObject({ task });
  });
});
