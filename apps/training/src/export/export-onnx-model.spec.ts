/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { FeatureSpec } from '@modelship/features';
import { loadTensorflow } from '../train/load-tensorflow.js';
import type { NetworkHead } from '../train/network-head.js';
import { trainNetwork } from '../train/train-network.js';
import {
  generateMulticlassMatrices,
  generateRegressionMatrices,
  HEAD_TEST_PARAMS,
} from '../train/testing/generate-task-matrices.js';
import { ONNX_INPUT } from './build-onnx-model.js';
import { exportOnnxModel } from './export-onnx-model.js';
import { saveTfjsModel, TFJS_MODEL_FILE } from './save-tfjs-model.js';
import { toOnnxHead } from './to-onnx-head.js';

const { onnx } = onnxProto;
const WIDTH = 4;
const spec = { featureNames: ['a', 'b', 'c', 'd'], specVersion: 1 } as unknown as FeatureSpec;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function trainFor(head: NetworkHead) {
  const { tf } = await loadTensorflow();
  const data =
    head.task === 'regression'
      ? generateRegressionMatrices({ rows: 300, width: WIDTH, seed: 1, offset: 1e6, scale: 1e5 })
      : generateMulticlassMatrices({
          classes: head.task === 'multiclass' ? head.classes : 2,
          rows: 300,
          width: WIDTH,
          seed: 1,
        });
  const params = { ...HEAD_TEST_PARAMS, epochs: 1 };
  return trainNetwork(tf, params, data.train, data.validation, undefined, head);
}

describe('exportOnnxModel', () => {
  it('writes a regression model.onnx answering `value` with the task and scaling in its metadata', async () => {
    const trained = await trainFor({ task: 'regression', loss: { kind: 'huber', delta: 1 } });
    const file = join(dir, 'regression.onnx');
    await exportOnnxModel(trained.model, spec, file, toOnnxHead(trained));
    const model = onnx.ModelProto.decode(await readFile(file));
    const metadata = Object.fromEntries(model.metadataProps.map(({ key, value }) => [key, value]));
    expect(metadata).toEqual({
      feature_names: '["a","b","c","d"]',
      feature_spec_version: '1',
      model_type: 'mlp',
      task: 'regression',
      target_mean: String(trained.targetScaling?.mean),
      target_std: String(trained.targetScaling?.std),
    });
    expect(model.docString).toContain("value in the target's own units (float32 [N, 1])");
    const session = await ort.InferenceSession.create(file);
    expect([session.inputNames, session.outputNames]).toEqual([[ONNX_INPUT], ['value']]);
    await session.release();
    trained.model.dispose();
  });

  it('writes a binary model.onnx as before tasks existed: `probability`, the family but no task in its metadata', async () => {
    const trained = await trainFor({ task: 'binary' });
    const file = join(dir, 'binary.onnx');
    await exportOnnxModel(trained.model, spec, file);
    const model = onnx.ModelProto.decode(await readFile(file));
    expect(model.metadataProps.map(({ key }) => key)).toEqual([
      'feature_names',
      'feature_spec_version',
      'model_type',
    ]);
    expect(model.metadataProps.at(-1)?.value).toBe('mlp');
    expect(model.graph?.name).toBe('modelship_mlp');
    expect(model.graph?.output?.map(({ name }) => name)).toEqual(['probability']);
    expect(model.graph?.node?.at(-1)?.opType).toBe('Sigmoid');
    trained.model.dispose();
  });

  it('writes a multiclass model.onnx answering `probabilities` [N, K]', async () => {
    const trained = await trainFor({ task: 'multiclass', classes: 4 });
    const file = join(dir, 'multiclass.onnx');
    await exportOnnxModel(trained.model, spec, file, toOnnxHead(trained));
    const session = await ort.InferenceSession.create(file);
    const outputs = await session.run({
      [ONNX_INPUT]: new ort.Tensor('float32', new Float32Array(2 * WIDTH), [2, WIDTH]),
    });
    expect(outputs['probabilities']?.dims).toEqual([2, 4]);
    await session.release();
    trained.model.dispose();
  });

  it('saves a Huber-trained network in the tfjs format, its output layer named `value`', async () => {
    const { tf } = await loadTensorflow();
    const trained = await trainFor({ task: 'regression', loss: { kind: 'huber', delta: 1 } });
    await saveTfjsModel(tf, trained.model, join(dir, 'tfjs'));
    const saved = JSON.parse(await readFile(join(dir, 'tfjs', TFJS_MODEL_FILE), 'utf8'));
    const layers = saved.modelTopology.config.layers as {
      config: { name: string; activation: string };
    }[];
    expect(layers.at(-1)?.config).toMatchObject({ name: 'value', activation: 'linear' });
    trained.model.dispose();
  });
});
