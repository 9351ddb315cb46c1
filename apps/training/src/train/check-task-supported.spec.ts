import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { DatasetSchema, TargetKind } from '@modelship/data-validation';
import { LOAN_SCHEMA } from '@modelship/data-validation/testing';
import { npxModelship } from '../testing/npx-modelship.js';
import { checkTaskSupported } from './check-task-supported.js';
import { TaskError } from './task-error.js';

const withKind = (kind: TargetKind): DatasetSchema => ({
  ...LOAN_SCHEMA,
  target: { column: 'defaulted', kind },
});

function errorOf(task: Task, kind: TargetKind): TaskError {
  try {
    checkTaskSupported(task, withKind(kind), 'config/loans.schema.json');
  } catch (error) {
    if (error instanceof TaskError) return error;
    throw error;
  }
  throw new Error('expected a TaskError');
}

describe('checkTaskSupported', () => {
  it('lets a binary task with a binary target through', () => {
    expect(() => checkTaskSupported('binary', LOAN_SCHEMA, 'loans.schema.json')).not.toThrow();
  });

  it.each<[Task, TargetKind]>([
    ['multiclass', 'multiclass'],
    ['regression', 'numeric'],
  ])('lets task %s through when the schema declares a %s target (issue #13)', (task, kind) => {
    expect(() => checkTaskSupported(task, withKind(kind), 'config/loans.schema.json')).not.toThrow();
  });

  it.each<[Task, TargetKind, string]>([
    [
      'binary',
      'numeric',
      'set `task: regression` in params.yaml, or set the schema\'s target.kind to "binary"',
    ],
    [
      'binary',
      'multiclass',
      'set `task: multiclass` in params.yaml, or set the schema\'s target.kind to "binary"',
    ],
    [
      'regression',
      'binary',
      'set `task: binary` in params.yaml, or set the schema\'s target.kind to "numeric"',
    ],
  ])('refuses task %s against a %s target in the schema, naming both', (task, kind, fix) => {
    const error = errorOf(task, kind);
    expect(error.code).toBe('E_TASK_MISMATCH');
    expect(error.message).toContain(
      `params.yaml declares task ${task} but config/loans.schema.json declares target "defaulted" as ${kind}`,
    );
    expect(error.fix).toContain(fix);
  });
});

describe('modelship train with a task the schema contradicts', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'modelship-train-task-'));
    await writeFile(join(root, 'tickets.schema.json'), JSON.stringify(withKind('binary')));
    await writeFile(
      join(root, 'params.yaml'),
      [
        'task: multiclass',
        // No CSV at this path: the task is refused before any data is read.
        'data: { path: absent.csv, dvc: data.dvc, schema: tickets.schema.json, target: defaulted }',
        'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
        'model: { name: tickets, seed: 1 }',
        'gate: { metric: roc_auc, margin: 0 }',
      ].join('\n'),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('exits 2 with one line naming the task and the target, before reading the data', () => {
    const result = npxModelship(['train'], { env: { MODELSHIP_ROOT: root } });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'modelship train: params.yaml declares task multiclass but tickets.schema.json declares target "defaulted" as binary (task binary). Fix: set `task: binary` in params.yaml, or set the schema\'s target.kind to "multiclass" if the target really is multiclass',
    ]);
  });
});
