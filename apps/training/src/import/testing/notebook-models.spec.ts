/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { NotebookModelOptions } from './notebook-models.js';
import { writeNotebookModel } from './notebook-models.js';
import {
  accuracy,
  argmaxRows,
  majorityRate,
  maxAbsDifference,
  runOnSample,
} from './_run-notebook-model.js';

const { DataType } = onnxProto.onnx.TensorProto;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notebook-models-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeNotebookModel', () => {
  it('writes the skl2onnx pipeline: one input per column, LinearClassifier and ZipMap, answering as the fitted logistic regression', async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(dir, 'binary'), {
      rows: 1500,
    });
    expect(model).toMatchObject({
      task: 'binary',
      target: 'defaulted',
      classes: ['no', 'yes'],
      positive: 'yes',
      producer: { name: 'skl2onnx' },
    });
    const { proto, graph, sample, outputs, expected } = await runOnSample(
      model,
      ['output_label', 'probability_tensor'],
      'probability_tensor',
    );
    // One input per feature column, named after it, [None, 1]; text columns (the Y/N boolean too) as strings.
    const features = sample.schema.columns.filter(
      (c) => c.role === 'feature' && c.name !== model.target,
    );
    expect(graph.input.map((i) => i.name)).toEqual(features.map((c) => c.name));
    for (const input of graph.input) {
      const column = features.find((c) => c.name === input.name)!;
      const dims = input.type!.tensorType!.shape!.dim!;
      expect(dims[0]!.dimParam || dims[0]!.dimValue ? 'named' : 'None').toBe('None');
      expect(Number(dims[1]!.dimValue)).toBe(1);
      const numeric = column.type === 'number' || column.type === 'integer';
      expect(input.type!.tensorType!.elemType).toBe(numeric ? DataType.FLOAT : DataType.STRING);
    }
    expect(graph.node.map((n) => `${n.domain}:${n.opType}`)).toEqual(
      expect.arrayContaining([
        'ai.onnx.ml:OneHotEncoder',
        'ai.onnx.ml:Imputer',
        'ai.onnx.ml:Scaler',
        ':Concat',
        'ai.onnx.ml:LinearClassifier',
        'ai.onnx.ml:ZipMap',
      ]),
    );
    expect(graph.output.map((o) => o.name)).toEqual([
      'output_label',
      'output_probability',
      'probability_tensor',
    ]);
    expect(graph.output[1]!.type!.sequenceType!.elemType!.mapType!.keyType).toBe(DataType.STRING);
    expect(Object.fromEntries(proto.opsetImport.map((o) => [o.domain, Number(o.version)]))).toEqual(
      { '': 17, 'ai.onnx.ml': 1 },
    );

    // The rows have missing numbers and missing text, which the graph imputes and encodes as zeros.
    expect(sample.rows.some((row) => row['income_k'] === '')).toBe(true);
    const probabilities = outputs['probability_tensor']!.data as Float32Array;
    expect(maxAbsDifference(probabilities, expected)).toBeLessThan(1e-5);
    const labels = outputs['output_label']!.data as string[];
    expect(labels).toEqual(argmaxRows(expected, 2).map((c) => model.classes![c]));
    // A good model: better than always answering the majority class.
    expect(accuracy(argmaxRows(expected, 2), sample.truth)).toBeGreaterThan(
      majorityRate(sample.truth) + 0.03,
    );
  });

  it('writes the pipeline of a notebook that encoded the target: int64 labels 0/1 and a ZipMap keyed by them', async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(dir, 'binary-ids'), {
      rows: 400,
      labels: 'int64',
    });
    expect(model.classes).toEqual(['no', 'yes']);
    const { graph, outputs, expected } = await runOnSample(
      model,
      ['output_label', 'probability_tensor'],
      'probability_tensor',
    );
    expect(graph.output[1]!.type!.sequenceType!.elemType!.mapType!.keyType).toBe(DataType.INT64);
    expect(
      maxAbsDifference(outputs['probability_tensor']!.data as Float32Array, expected),
    ).toBeLessThan(1e-5);
    const label = outputs['output_label']!;
    expect(label.type).toBe('int64');
    expect(Array.from(label.data as BigInt64Array, Number)).toEqual(argmaxRows(expected, 2));
  });

  it('writes a ZipMap output that onnxruntime-node cannot return, while the label alone can be fetched', async () => {
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(dir, 'zipmap'), {
      rows: 50,
    });
    await expect(runOnSample(model, ['output_label', 'output_probability'])).rejects.toThrow(
      /[Nn]on tensor type/,
    );
    const { outputs } = await runOnSample(model, ['output_label']);
    expect(outputs['output_label']!.dims).toEqual([50]);
  });

  it.each<[string, NotebookModelOptions['labels']]>([
    ['int64 class ids', 'int64'],
    ['the label texts', 'string'],
  ])(
    'writes onnxmltools LightGBM trees with %s, one float input of the numeric features, answering as the kit’s GBDT',
    async (_, labels) => {
      const model = await writeNotebookModel('trees-multiclass', join(dir, `trees-${labels}`), {
        rows: 1500,
        labels,
      });
      expect(model).toMatchObject({
        task: 'multiclass',
        target: 'priority',
        classes: ['low', 'normal', 'urgent'],
        producer: { name: 'onnxmltools' },
      });
      const { graph, sample, outputs, expected } = await runOnSample(model, [
        'label',
        'probabilities',
      ]);
      const [input] = graph.input;
      expect(graph.input).toHaveLength(1);
      expect(input!.name).toBe('input');
      const numeric = sample.schema.columns.filter((c) => c.role === 'feature').map((c) => c.name);
      expect(numeric).toEqual(['wait_minutes', 'words']);
      expect(Number(input!.type!.tensorType!.shape!.dim![1]!.dimValue)).toBe(numeric.length);
      expect(graph.node.map((n) => n.opType)).toEqual(['TreeEnsembleClassifier']);
      expect(sample.rows.some((row) => row['wait_minutes'] === '')).toBe(true);

      expect(outputs['probabilities']!.dims).toEqual([sample.rows.length, 3]);
      expect(
        maxAbsDifference(outputs['probabilities']!.data as Float32Array, expected),
      ).toBeLessThan(1e-5);
      const predicted = argmaxRows(expected, 3);
      const label = outputs['label']!;
      expect(label.type).toBe(labels === 'int64' ? 'int64' : 'string');
      expect(Array.from(label.data as ArrayLike<unknown>, String)).toEqual(
        predicted.map((c) => (labels === 'int64' ? String(c) : model.classes![c])),
      );
      // A good model: far better than the majority class, from two numbers with missing values.
      expect(accuracy(predicted, sample.truth)).toBeGreaterThan(majorityRate(sample.truth) + 0.15);
    },
  );

  it('writes the skl2onnx regressor: double, int64 and string inputs, output `variable` [None, 1], answering as the fitted ridge', async () => {
    const model = await writeNotebookModel('regressor', join(dir, 'regressor'), { rows: 1500 });
    expect(model).toMatchObject({ task: 'regression', target: 'price_eur' });
    expect(model.classes).toBeUndefined();
    const { graph, sample, outputs, expected } = await runOnSample(model, ['variable']);
    const types = Object.fromEntries(
      graph.input.map((i) => [i.name, i.type!.tensorType!.elemType]),
    );
    expect(types).toEqual({
      area_m2: DataType.DOUBLE,
      rooms: DataType.INT64,
      district: DataType.STRING,
    });
    expect(graph.node.map((n) => n.opType)).toContain('LinearRegressor');
    const value = outputs['variable']!;
    expect(value.dims).toEqual([sample.rows.length, 1]);
    const predicted = value.data as Float32Array;
    for (let i = 0; i < predicted.length; i += 1)
      expect(Math.abs((predicted[i] as number) - (expected[i] as number))).toBeLessThan(
        1e-5 * Math.abs(expected[i] as number) + 1e-2,
      );
    // A good model: R² well above 0 on rows it was not fitted on.
    const mean = sample.truth.reduce((s, v) => s + v, 0) / sample.truth.length;
    const residual = sample.truth.reduce((s, v, i) => s + (v - (expected[i] as number)) ** 2, 0);
    const total = sample.truth.reduce((s, v) => s + (v - mean) ** 2, 0);
    expect(1 - residual / total).toBeGreaterThan(0.8);
  });

  it('writes the same files for the same options', async () => {
    const first = await writeNotebookModel('regressor', join(dir, 'same-1'), {
      rows: 100,
      trainingRows: 400,
    });
    const second = await writeNotebookModel('regressor', join(dir, 'same-2'), {
      rows: 100,
      trainingRows: 400,
    });
    expect(await readFile(second.modelPath)).toEqual(await readFile(first.modelPath));
    expect(await readFile(second.dataPath, 'utf8')).toBe(await readFile(first.dataPath, 'utf8'));
  });
});
