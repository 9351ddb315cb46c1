/** @jest-environment ../../jest.onnx-environment.js */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { createSeededRandom } from '@modelship/core';
import type { Params } from '@modelship/params';
import type { TaskDataset } from '@modelship/data-validation/testing';
import { scoreHeadlineMetric } from '../evaluate/score-headline-metric.js';
import type { StepContext } from './step-context.js';
import { trainModel } from './train-model.js';
import type { TrainResult } from './train-result.js';

// `model.type: auto` on two datasets where one family is clearly better: costs that are a linear
// function of the features (the linear model wins), and a checkerboard class no single hyperplane
// can separate (the network wins).
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-auto-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(task: Task, data: TaskDataset, lines: string[]): StepContext {
  const params: Params = {
    task,
    data: { path: data.csvPath, dvc: 'data.dvc', schema: data.schemaPath, target: data.target },
    split: { test: 0.2, validation: 0.2, seed: 3, stratify: true },
    model: {
      name: data.schema.name,
      type: 'auto',
      hidden_units: [16, 16],
      epochs: 40,
      batch_size: 64,
      learning_rate: 0.02,
      early_stopping_patience: 0,
      seed: 4,
    },
    gate: { metric: 'roc_auc', margin: 0 },
  };
  return { root, params, log: (line) => lines.push(line) };
}

// A generated CSV and its schema: an id column, numeric features, and the target last.
async function writeDataset(
  name: string,
  features: string[],
  target: { column: string; kind: 'binary' | 'numeric' },
  rows: string[],
): Promise<TaskDataset> {
  const schema = {
    schemaVersion: 1,
    name,
    target: target.kind === 'binary' ? { ...target, positive: 'yes' } : target,
    columns: [
      { name: 'row_id', type: 'string', role: 'id' },
      ...features.map((feature) => ({ name: feature, type: 'number', role: 'feature' })),
      target.kind === 'binary'
        ? { name: target.column, type: 'categorical', role: 'target', categories: ['yes', 'no'] }
        : { name: target.column, type: 'number', role: 'target' },
    ],
  } as TaskDataset['schema'];
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const csvPath = join(dir, `${name}.csv`);
  const schemaPath = join(dir, `${name}.schema.json`);
  const lines = rows.map((row, i) => `r${i},${row}`);
  await writeFile(
    csvPath,
    `${['row_id', ...features, target.column].join(',')}\n${lines.join('\n')}\n`,
  );
  await writeFile(schemaPath, JSON.stringify(schema));
  return { csvPath, schemaPath, schema, target: target.column };
}

// Eight features and a cost that is exactly linear in them, plus a little noise, in its own units.
function writeLinearCosts(rows: number): Promise<TaskDataset> {
  const random = createSeededRandom(6);
  const features = Array.from({ length: 8 }, (_, j) => `f${j}`);
  const lines = Array.from({ length: rows }, () => {
    const x = features.map(() => 2 * random() - 1);
    const cost =
      500 + x.reduce((sum, value, j) => sum + (j + 1) * 40 * value, 0) + 2 * (random() - 0.5);
    return [...x.map((value) => value.toFixed(4)), cost.toFixed(2)].join(',');
  });
  return writeDataset('costs', features, { column: 'cost', kind: 'numeric' }, lines);
}

// Two coordinates in [-1, 1]; the class is whether they have the same sign.
function writeCheckerboard(rows: number): Promise<TaskDataset> {
  const random = createSeededRandom(5);
  const lines = Array.from({ length: rows }, () => {
    const x = 2 * random() - 1;
    const y = 2 * random() - 1;
    return `${x.toFixed(4)},${y.toFixed(4)},${x * y > 0 ? 'yes' : 'no'}`;
  });
  return writeDataset('checkerboard', ['x', 'y'], { column: 'same_sign', kind: 'binary' }, lines);
}

async function runAuto(task: Task, data: TaskDataset, bundle: string) {
  const lines: string[] = [];
  const output = await trainModel(createContext(task, data, lines), { bundleDir: bundle });
  const result = JSON.parse(
    await readFile(join(output.bundleDir, 'train-result.json'), 'utf8'),
  ) as TrainResult;
  return { output, result, lines };
}

describe('trainModel with model.type auto', () => {
  it('keeps the linear model on a linear target, with the comparison in train-result.json', async () => {
    const data = await writeLinearCosts(1_000);
    const { result, lines, output } = await runAuto('regression', data, 'out/costs');
    expect(result.selection?.metric).toBe('rmse');
    expect(result.selection?.candidates.map((c) => c.type)).toEqual(['linear', 'gbdt', 'mlp']);
    const [linear, gbdt, mlp] = result.selection?.candidates ?? [];
    // Clearly better, not by a hair: ridge finds the plane, trees and the network only approximate it.
    expect(linear?.validation).toBeLessThan(2);
    expect(linear?.validation).toBeLessThan(0.5 * (mlp?.validation ?? 0));
    expect(linear?.validation).toBeLessThan(0.5 * (gbdt?.validation ?? 0));
    expect(result.selection?.chosen).toBe('linear');
    expect(result).toMatchObject({
      modelType: 'linear',
      model: { type: 'linear', estimator: 'ridge_regression' },
    });
    expect(result.params).toMatchObject({
      type: 'auto',
      linear: { l2: 1 },
      gbdt: { learning_rate: 0.1 },
    });
    expect(result).not.toHaveProperty('epochsRun');
    for (const candidate of result.selection?.candidates ?? [])
      expect(candidate.trainSeconds).toBeGreaterThan(0);
    expect(
      lines.filter((line) =>
        /^auto: (linear|gbdt|mlp) rmse \d+\.\d{4} on the validation split/.test(line),
      ),
    ).toHaveLength(3);
    expect(lines).toContain('auto: kept linear (best rmse on the validation split)');
    // The kept model is the one the bundle holds: its test answers are the linear model's.
    expect(await output.predict(output.test.rows)).toHaveLength(output.test.rows.length);
  }, 120_000);

  it('keeps the best non-linear family on a class no hyperplane separates, and the test split decides nothing', async () => {
    const data = await writeCheckerboard(2_000);
    const { result, output } = await runAuto('binary', data, 'out/checkerboard');
    const candidates = result.selection?.candidates ?? [];
    expect(candidates.map((c) => c.type)).toEqual(['linear', 'gbdt', 'mlp']);
    const [linear, gbdt, mlp] = candidates;
    expect(result.selection?.metric).toBe('roc_auc');
    expect(linear?.validation).toBeLessThan(0.65);
    expect(gbdt?.validation).toBeGreaterThan(0.9);
    expect(mlp?.validation).toBeGreaterThan(0.9);
    // The kept family is the best on the validation split, whichever of the two it is.
    const best = candidates.reduce((a, b) => (b.validation > a.validation ? b : a));
    expect(result.selection?.chosen).toBe(best.type);
    expect(result).toMatchObject({ modelType: best.type, model: { type: best.type } });
    // The model kept answers the held-out test split as well as it did the validation split.
    const test = scoreHeadlineMetric(
      { task: 'binary' },
      output.test.labels,
      await output.predict(output.test.rows),
    );
    expect(test.value).toBeGreaterThan(0.9);
  }, 120_000);
});
