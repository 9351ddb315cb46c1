/** @jest-environment ../../jest.onnx-environment.js */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { ONNX_INPUT, ONNX_OUTPUTS } from '@modelship/model-bundle';
import type { TaskMatrices } from '../train/testing/generate-task-matrices.js';
import {
  generateMulticlassMatrices,
  generateRegressionMatrices,
} from '../train/testing/generate-task-matrices.js';
import type { TargetValues } from '../train/train-network.js';
import { buildGbdtOnnx } from './build-gbdt-onnx.js';
import type { GbdtHead, GbdtModel } from './gbdt-model.js';
import { predictGbdt } from './predict-gbdt.js';
import { GBDT_TEST_PARAMS, withMissingValues } from './testing/gbdt-fixtures.js';
import { trainGbdt } from './train-gbdt.js';

const { onnx } = onnxProto;
const HELD_OUT = 1_000;

/** A dataset per head with 1,000 held-out rows, missing values in every split. */
function datasetFor(head: GbdtHead): TaskMatrices<TargetValues> {
  const rows = 5_000;
  const data =
    head.task === 'regression'
      ? generateRegressionMatrices({ rows, width: 7, seed: 3, offset: 250_000, scale: 60_000 })
      : generateMulticlassMatrices({
          classes: head.task === 'binary' ? 2 : head.classes,
          rows,
          width: 7,
          seed: 3,
        });
  withMissingValues(data.train, 13);
  withMissingValues(data.validation, 13);
  withMissingValues(data.test, 5);
  return data;
}

async function runOnnx(bytes: Uint8Array, x: Float32Array, rows: number, width: number) {
  const session = await ort.InferenceSession.create(bytes);
  const outputs = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', x, [rows, width]) });
  return { session, output: outputs[session.outputNames[0]!]! };
}

describe('buildGbdtOnnx', () => {
  const heads: [string, GbdtHead][] = [
    ['binary', { task: 'binary' }],
    ['multiclass', { task: 'multiclass', classes: 4 }],
    ['regression', { task: 'regression' }],
  ];
  const trained = new Map<string, { model: GbdtModel; data: TaskMatrices<TargetValues> }>();
  beforeAll(() => {
    for (const [name, head] of heads) {
      const data = datasetFor(head);
      const model = trainGbdt(data.train, data.validation, head, {
        ...GBDT_TEST_PARAMS,
        maxTrees: 150,
      });
      trained.set(name, { model, data });
    }
  });

  it.each(heads)(
    'answers as predictGbdt does on 1,000 held-out rows with missing values (%s)',
    async (name) => {
      const { model, data } = trained.get(name)!;
      expect(data.test.rows).toBe(HELD_OUT);
      expect(data.test.x.some(Number.isNaN)).toBe(true);
      const { session, output } = await runOnnx(
        buildGbdtOnnx(model),
        data.test.x,
        data.test.rows,
        data.test.width,
      );
      expect(session.inputNames).toEqual([ONNX_INPUT]);
      expect(session.outputNames).toEqual([ONNX_OUTPUTS[model.head.task]]);
      expect(output.dims).toEqual([HELD_OUT, model.outputs]);
      const expected = predictGbdt(model, data.test.x, data.test.rows);
      const actual = output.data as Float32Array;
      expect(actual).toHaveLength(expected.length);
      for (let i = 0; i < expected.length; i += 1) {
        // Probabilities within 1e-5; a value in euros within 1e-5 of its size (float32 output).
        const tolerance = model.head.task === 'regression' ? 1e-5 * Math.abs(expected[i]!) : 1e-5;
        expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(tolerance);
      }
    },
  );

  it('writes one ai.onnx.ml tree ensemble with the missing-value directions of the splits', () => {
    const { model } = trained.get('binary')!;
    const proto = onnx.ModelProto.decode(buildGbdtOnnx(model, { metadata: { trees: 'n' } }));
    expect(proto.opsetImport.map((o) => `${o.domain}:${o.version}`)).toEqual([
      ':15',
      'ai.onnx.ml:3',
    ]);
    const ensemble = proto.graph?.node?.find((n) => n.opType === 'TreeEnsembleRegressor');
    const attribute = (name: string) => ensemble?.attribute?.find((a) => a.name === name);
    const missing = attribute('nodes_missing_value_tracks_true')?.ints?.map(Number);
    const expected = model.trees.flatMap((tree) => Array.from(tree.missingLeft));
    expect(missing).toEqual(expected);
    expect(expected).toContain(1);
    expect(new Set(attribute('nodes_treeids')?.ints?.map(Number)).size).toBe(model.trees.length);
    expect(proto.metadataProps).toEqual([expect.objectContaining({ key: 'trees', value: 'n' })]);
  });

  it('answers the base score when no tree was kept', async () => {
    const { model, data } = trained.get('multiclass')!;
    const empty: GbdtModel = { ...model, trees: [] };
    const x = data.test.x.subarray(0, 2 * data.test.width);
    const { output } = await runOnnx(buildGbdtOnnx(empty), x, 2, data.test.width);
    const expected = predictGbdt(empty, x, 2);
    Array.from(output.data as Float32Array).forEach((p, i) =>
      expect(p).toBeCloseTo(expected[i]!, 6),
    );
  });
});
