import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  locateEvaluationInputs,
  readEvaluationInputs,
  writeEvaluationInputs,
} from './evaluation-inputs.js';

describe('evaluation inputs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-inputs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const inputs = {
    featureNames: ['a', 'b'],
    train: {
      features: { rows: 2, columns: 2, values: [1, 2, 3, 4.5] },
      labels: Uint8Array.from([0, 1]),
    },
    test: {
      rows: [{ plan: 'basic', age: 31 }],
      features: { rows: 1, columns: 2, values: [-1.25, 0] },
      labels: Uint8Array.from([1]),
    },
  };

  it('reads back what was written', () => {
    writeEvaluationInputs(dir, inputs);
    const read = readEvaluationInputs(dir);
    expect(read.featureNames).toEqual(['a', 'b']);
    expect(Array.from(read.train.features.values)).toEqual([1, 2, 3, 4.5]);
    expect(Array.from(read.train.labels)).toEqual([0, 1]);
    expect(read.test.rows).toEqual([{ plan: 'basic', age: 31 }]);
    expect(Array.from(read.test.features.values)).toEqual([-1.25, 0]);
  });

  it('reads back regression values and multiclass indices exactly, with the task and classes', () => {
    const task = {
      task: 'regression' as const,
      classes: null,
      train: Float64Array.from([123456.789, -0.1]),
      test: Float64Array.from([1e9 + 0.5]),
    };
    writeEvaluationInputs(dir, { ...inputs, task });
    expect(readEvaluationInputs(dir).task).toEqual(task);
    const multiclass = { task: 'multiclass' as const, classes: ['a', 'b', 'c'], train: Float64Array.from([2, 0]), test: Float64Array.from([1]) };
    writeEvaluationInputs(dir, { ...inputs, task: multiclass });
    const read = readEvaluationInputs(dir);
    expect(read.task).toEqual(multiclass);
    expect(read.test.labels).toHaveLength(0);
  });

  it('lives beside the bundle folder', () => {
    expect(locateEvaluationInputs('/work/artifacts/bundle')).toBe(
      '/work/artifacts/evaluation-inputs',
    );
  });

  it('says to run train when the folder is missing', () => {
    expect(() => readEvaluationInputs(join(dir, 'nope'))).toThrow(/run `modelship train` first/);
  });

  it('refuses a truncated feature file', () => {
    writeEvaluationInputs(dir, inputs);
    writeFileSync(join(dir, 'train-features.f32'), new Uint8Array(4));
    expect(() => readEvaluationInputs(dir)).toThrow(
      expect.objectContaining({ code: 'E_EVAL_INPUTS' }),
    );
  });
});
