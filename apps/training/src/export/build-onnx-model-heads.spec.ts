/** @jest-environment ../../jest.onnx-environment.js */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import type { Tensor } from '@tensorflow/tfjs';
import { loadTensorflow } from '../train/load-tensorflow.js';
import type { NetworkHead } from '../train/network-head.js';
import { restoreTargetUnits } from '../train/target-scaling.js';
import type { LabelledMatrix, TargetValues, TrainedNetwork } from '../train/train-network.js';
import { trainNetwork } from '../train/train-network.js';
import {
  generateMulticlassMatrices,
  generateRegressionMatrices,
  HEAD_TEST_PARAMS,
} from '../train/testing/generate-task-matrices.js';
import { buildOnnxModel, ONNX_INPUT, ONNX_OUTPUTS } from './build-onnx-model.js';
import { extractDenseLayers } from './extract-dense-layers.js';
import { toOnnxHead } from './to-onnx-head.js';

const { onnx } = onnxProto;
const ROWS = 300;
const params = { ...HEAD_TEST_PARAMS, epochs: 3, dropout: 0.1 };

function datasetFor(head: NetworkHead) {
  return head.task === 'multiclass'
    ? generateMulticlassMatrices({ classes: head.classes, rows: 1_500, width: 9, seed: 3 })
    : generateRegressionMatrices({
        rows: 1_500,
        width: 5,
        seed: 3,
        offset: 250_000,
        scale: 60_000,
      });
}

async function train(
  head: NetworkHead,
): Promise<{ trained: TrainedNetwork; test: LabelledMatrix<TargetValues> }> {
  const { tf } = await loadTensorflow();
  const data = datasetFor(head);
  const trained = await trainNetwork(tf, params, data.train, data.validation, undefined, head);
  return { trained, test: data.test };
}

/** tfjs's answers in the units the ONNX graph answers in (the target's, for regression). */
async function predictWithTfjs(trained: TrainedNetwork, test: LabelledMatrix<TargetValues>) {
  const { tf } = await loadTensorflow();
  const output = tf.tidy(() =>
    (
      trained.model.predict(
        tf.tensor2d(test.x.subarray(0, ROWS * test.width), [ROWS, test.width]),
      ) as Tensor
    ).dataSync(),
  );
  return trained.targetScaling === null
    ? Float64Array.from(output)
    : restoreTargetUnits(output, trained.targetScaling);
}

async function predictWithOnnx(
  bytes: Uint8Array,
  test: LabelledMatrix<TargetValues>,
  output: string,
) {
  const session = await ort.InferenceSession.create(bytes);
  const x = test.x.slice(0, ROWS * test.width);
  const outputs = await session.run({
    [ONNX_INPUT]: new ort.Tensor('float32', x, [ROWS, test.width]),
  });
  await session.release();
  const tensor = outputs[output];
  return {
    values: tensor?.data as Float32Array,
    dims: tensor?.dims ?? [],
    names: Object.keys(outputs),
  };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>, divisor = 1): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1)
    max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? Number.NaN)) / divisor);
  return max;
}

describe('buildOnnxModel for a multiclass network', () => {
  it.each([3, 5])(
    'ends in Softmax over the class axis and matches tfjs within 1e-5 (%i classes)',
    async (classes) => {
      const { trained, test } = await train({ task: 'multiclass', classes });
      const bytes = buildOnnxModel(extractDenseLayers(trained.model), {
        head: toOnnxHead(trained),
      });
      const expected = await predictWithTfjs(trained, test);
      trained.model.dispose();
      const actual = await predictWithOnnx(bytes, test, 'probabilities');
      expect(actual.names).toEqual(['probabilities']);
      expect(actual.dims).toEqual([ROWS, classes]);
      expect(maxDifference(actual.values, expected)).toBeLessThan(1e-5);
      const graph = onnx.ModelProto.decode(bytes).graph;
      const last = graph?.node?.at(-1);
      expect(last?.opType).toBe('Softmax');
      const axis = last?.attribute?.[0];
      expect([axis?.name, Number(axis?.i)]).toEqual(['axis', 1]);
      expect(graph?.output?.[0]?.name).toBe(ONNX_OUTPUTS.multiclass);
    },
  );
});

describe('buildOnnxModel for a regression network', () => {
  it.each([{ kind: 'mse' as const }, { kind: 'huber' as const, delta: 1 }])(
    "answers in the target's units through Mul and Add, matching tfjs within 1e-5 (%j)",
    async (loss) => {
      const { trained, test } = await train({ task: 'regression', loss });
      const scaling = trained.targetScaling;
      if (scaling === null) throw new Error('expected the target scaling');
      const bytes = buildOnnxModel(extractDenseLayers(trained.model), {
        head: toOnnxHead(trained),
      });
      const expected = await predictWithTfjs(trained, test);
      trained.model.dispose();
      const actual = await predictWithOnnx(bytes, test, 'value');
      expect(actual.names).toEqual(['value']);
      expect(actual.dims).toEqual([ROWS, 1]);
      // float32 holds 250,000 to about 0.016, so the network's agreement is measured in the
      // target's standard deviations, and relative to each value.
      expect(maxDifference(actual.values, expected, scaling.std)).toBeLessThan(1e-5);
      for (let i = 0; i < ROWS; i += 1)
        expect(
          Math.abs((actual.values[i] ?? 0) - (expected[i] ?? 0)) / Math.abs(expected[i] ?? 1),
        ).toBeLessThan(1e-5);
      expect(Math.min(...actual.values)).toBeGreaterThan(50_000);
      const graph = onnx.ModelProto.decode(bytes).graph;
      expect(graph?.node?.slice(-2).map((n) => n.opType)).toEqual(['Mul', 'Add']);
      expect(graph?.output?.[0]?.name).toBe(ONNX_OUTPUTS.regression);
    },
  );
});

describe('buildOnnxModel refuses a head that contradicts the network', () => {
  it.each<[NetworkHead, Parameters<typeof buildOnnxModel>[1], string]>([
    [
      { task: 'regression', loss: { kind: 'mse' } },
      { head: { task: 'multiclass' } },
      'Cannot export value as a multiclass output: its activation is "linear", a multiclass network ends in "softmax".',
    ],
    [
      { task: 'multiclass', classes: 3 },
      { head: { task: 'regression', scaling: { mean: 0, std: 1 } } },
      'Cannot export probabilities as a regression output: its activation is "softmax", a regression network ends in "linear".',
    ],
  ])('%j exported with %j', async (head, options, message) => {
    const { trained } = await train(head);
    const layers = extractDenseLayers(trained.model);
    trained.model.dispose();
    expect(() => buildOnnxModel(layers, options)).toThrow(message);
  });
});
