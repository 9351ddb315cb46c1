/** @jest-environment ../../jest.onnx-environment.js */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { Task } from '@modelship/core';
import type { Params } from '@modelship/params';
import type { TaskDataset } from '@modelship/data-validation/testing';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import type { StepContext } from './step-context.js';
import type { TrainModelOutput } from './train-model.js';
import { trainModel } from './train-model.js';
import type { TrainResult } from './train-result.js';

// `model.type: linear` through the train step on each task's generated data (an id column, an
// ignored column, missing values): the exported model.onnx answers what the fitted model answers.
const { onnx } = onnxProto;
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-linear-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(task: Task, data: TaskDataset, lines: string[]): StepContext {
  const params: Params = {
    task,
    data: { path: data.csvPath, dvc: 'data.dvc', schema: data.schemaPath, target: data.target },
    split: { test: 0.2, validation: 0.15, seed: 3, stratify: true },
    model: { name: data.schema.name, type: 'linear', linear: { l2: 0.5 }, seed: 4 },
    gate: { metric: 'rmse', margin: 0 },
  };
  return { root, params, log: (line) => lines.push(line) };
}

const ESTIMATORS = {
  binary: { estimator: 'logistic_regression', outputs: 1, last: 'Sigmoid' },
  multiclass: { estimator: 'multinomial_logistic_regression', outputs: 3, last: 'Softmax' },
  regression: { estimator: 'ridge_regression', outputs: 1, last: 'Add' },
} as const;

describe.each(['binary', 'multiclass', 'regression'] as const)('trainModel with model.type linear on %s data', (task) => {
  let output: TrainModelOutput;
  const lines: string[] = [];
  beforeAll(async () => {
    const data = await writeTaskDataset(join(root, task), task, { rows: 1_500, seed: 13 });
    output = await trainModel(createContext(task, data, lines), { bundleDir: `out/${task}` });
  }, 60_000);

  it("exports a model.onnx that answers the fitted model's predictions on the held-out test rows", async () => {
    const { features } = output.evaluationInputs.test;
    const onnxOutput = await runOnnxModel(join(output.bundleDir, 'model.onnx'), features);
    const predicted = await output.predict(output.test.rows);
    expect(onnxOutput.width).toBe(ESTIMATORS[task].outputs);
    expect(onnxOutput.values).toHaveLength(predicted.length);
    expect(predicted.length).toBe(output.test.rows.length * ESTIMATORS[task].outputs);
    let worst = 0;
    predicted.forEach((value, i) => {
      worst = Math.max(worst, Math.abs(value - (onnxOutput.values[i] ?? Number.NaN)) / Math.max(1, Math.abs(value)));
    });
    expect(worst).toBeLessThan(1e-5);
    // Not a constant answer: the model learned something from the features.
    expect(new Set(Array.from(predicted, (v) => v.toFixed(3))).size).toBeGreaterThan(10);
  });

  it('writes one dense layer with the family in its metadata, and no tfjs/ model', async () => {
    const model = onnx.ModelProto.decode(await readFile(join(output.bundleDir, 'model.onnx')));
    const metadata = Object.fromEntries(model.metadataProps.map(({ key, value }) => [key, value]));
    expect(metadata['model_type']).toBe('linear');
    expect(model.graph?.name).toBe('modelship_linear');
    expect(model.graph?.node?.filter((node) => node.opType === 'Gemm')).toHaveLength(1);
    expect(model.graph?.node?.at(-1)?.opType).toBe(ESTIMATORS[task].last);
    expect(existsSync(join(output.bundleDir, 'tfjs'))).toBe(false);
  });

  it('records the family, the estimator and the linear block in train-result.json, and no network fields', async () => {
    const result = JSON.parse(await readFile(join(output.bundleDir, 'train-result.json'), 'utf8')) as TrainResult;
    expect(result.modelType).toBe('linear');
    expect(result.model).toMatchObject({ type: 'linear', estimator: ESTIMATORS[task].estimator, l2: 0.5 });
    expect(result.model.type === 'linear' && result.model.iterations).toBeGreaterThanOrEqual(1);
    expect(result.params).toMatchObject({ type: 'linear', linear: { l2: 0.5 } });
    expect(result.params).not.toHaveProperty('gbdt');
    for (const key of ['epochsRun', 'bestEpoch', 'history', 'backend', 'selection']) expect(result).not.toHaveProperty(key);
    expect(Object.keys(result.libraries)).toEqual(['node']);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^linear: ${ESTIMATORS[task].estimator}, L2 0\\.5, \\d+ iterations?`)));
  });
});
