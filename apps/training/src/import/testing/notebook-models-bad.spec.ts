/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { NotebookModelKind } from './notebook-models.js';
import { writeNotebookModel } from './notebook-models.js';
import { readGraph, readSample } from './_run-notebook-model.js';

const { onnx } = onnxProto;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notebook-models-bad-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeNotebookModel: the bad models', () => {
  const write = (kind: NotebookModelKind) =>
    writeNotebookModel(kind, join(dir, kind), { rows: 200, trainingRows: 600 });

  it('bad-unknown-operator: onnxruntime refuses it, naming the operator', async () => {
    const model = await write('bad-unknown-operator');
    await expect(ort.InferenceSession.create(model.modelPath)).rejects.toThrow(/RobustScaler/);
  });

  it('bad-unmatched-input: loads, with an input named after no column of the sample', async () => {
    const model = await write('bad-unmatched-input');
    const session = await ort.InferenceSession.create(model.modelPath);
    const { schema } = await readSample(model);
    const columns = schema.columns.map((c) => c.name);
    expect(session.inputNames.filter((name) => !columns.includes(name))).toEqual(['income_k_v2']);
  });

  it('bad-second-dynamic-dim: loads, with a symbolic second dimension', async () => {
    const model = await write('bad-second-dynamic-dim');
    await ort.InferenceSession.create(model.modelPath);
    const graph = readGraph(onnx.ModelProto.decode(await readFile(model.modelPath)));
    expect(graph.input[0]!.type!.tensorType!.shape!.dim![1]!.dimParam).toBe('n_features');
  });

  it('bad-regression-for-classifier: a binary target with a model answering one value', async () => {
    const model = await write('bad-regression-for-classifier');
    expect(model.task).toBe('binary');
    const session = await ort.InferenceSession.create(model.modelPath);
    expect(session.outputNames).toEqual(['variable']);
  });
});
