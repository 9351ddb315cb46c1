/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import type { LoanMatrices } from '../train/testing/prepare-loan-matrices.js';
import { prepareLoanMatrices, TEST_MODEL_PARAMS } from '../train/testing/prepare-loan-matrices.js';
import type { Activation } from '../train/model-params.js';
import { loadTensorflow } from '../train/load-tensorflow.js';
import { trainNetwork } from '../train/train-network.js';
import { buildOnnxModel, ONNX_INPUT, ONNX_OUTPUT } from './build-onnx-model.js';
import { extractDenseLayers } from './extract-dense-layers.js';

let dir: string;
let data: LoanMatrices;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-onnx-'));
  data = await prepareLoanMatrices(dir, 5_000);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HELD_OUT = 1_000;

async function compareWithOnnx(
  model: LayersModel,
): Promise<{ maxDifference: number; dims: readonly number[] }> {
  const { tf } = await loadTensorflow();
  const x = data.test.x.subarray(0, HELD_OUT * data.test.width);
  const expected = tf.tidy(() =>
    (model.predict(tf.tensor2d(x, [HELD_OUT, data.test.width])) as Tensor).dataSync(),
  );
  const session = await ort.InferenceSession.create(buildOnnxModel(extractDenseLayers(model)));
  const outputs = await session.run({
    [ONNX_INPUT]: new ort.Tensor('float32', x, [HELD_OUT, data.test.width]),
  });
  const output = outputs[ONNX_OUTPUT];
  const actual = output?.data as Float32Array;
  let maxDifference = 0;
  for (let i = 0; i < HELD_OUT; i += 1)
    maxDifference = Math.max(
      maxDifference,
      Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)),
    );
  await session.release();
  return { maxDifference, dims: output?.dims ?? [] };
}

describe('buildOnnxModel', () => {
  it('matches the trained tfjs model within 1e-5 on 1,000 held-out rows in onnxruntime-node', async () => {
    const { tf } = await loadTensorflow();
    const trained = await trainNetwork(tf, TEST_MODEL_PARAMS, data.train, data.validation);
    const { maxDifference, dims } = await compareWithOnnx(trained.model);
    expect(dims).toEqual([HELD_OUT, 1]);
    expect(maxDifference).toBeLessThan(1e-5);
    trained.model.dispose();
  });

  it.each<Activation>(['tanh', 'sigmoid', 'elu', 'selu', 'softplus', 'linear'])(
    'exports %s hidden layers with the same outputs',
    async (activation) => {
      const { tf } = await loadTensorflow();
      const params = { ...TEST_MODEL_PARAMS, activation, epochs: 1, earlyStoppingPatience: 0 };
      const trained = await trainNetwork(tf, params, data.train, data.validation);
      expect((await compareWithOnnx(trained.model)).maxDifference).toBeLessThan(1e-5);
      trained.model.dispose();
    },
  );

  it('accepts any batch size, the batch dimension being dynamic', async () => {
    const { tf } = await loadTensorflow();
    const trained = await trainNetwork(
      tf,
      { ...TEST_MODEL_PARAMS, epochs: 1 },
      data.train,
      data.validation,
    );
    const session = await ort.InferenceSession.create(
      buildOnnxModel(extractDenseLayers(trained.model)),
    );
    for (const rows of [1, 7]) {
      const x = data.test.x.slice(0, rows * data.test.width);
      const outputs = await session.run({
        [ONNX_INPUT]: new ort.Tensor('float32', x, [rows, data.test.width]),
      });
      expect(outputs[ONNX_OUTPUT]?.dims).toEqual([rows, 1]);
    }
    await session.release();
    trained.model.dispose();
  });
});
