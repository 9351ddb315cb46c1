/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { getMissingValues, loadSchema, withTargetColumn } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { parseNumber } from '@modelship/features';
import { loadTaskDataset } from '../../data/load-task-dataset.js';
import type { NotebookModel, NotebookModelKind, NotebookModelOptions } from './notebook-models.js';
import { writeNotebookModel } from './notebook-models.js';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notebook-models-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sample's feature rows and labels (class indices into `classes`, or values), as the kit reads them. */
async function readSample(model: NotebookModel) {
  const schema = withTargetColumn(await loadSchema(model.schemaPath), model.target);
  const dataset = await loadTaskDataset(model.dataPath, schema, model.task);
  const truth =
    dataset.task === 'regression'
      ? Array.from(dataset.labels)
      : Array.from(
          dataset.labels,
          (label) => model.classes?.indexOf(dataset.classes[label] ?? '') ?? -1,
        );
  return { schema, rows: dataset.rows, truth, missing: getMissingValues(schema) };
}

/** The feeds a caller builds from raw rows: each input by its declared type, text as itself ('' when missing). */
function buildFeeds(
  proto: InstanceType<typeof onnx.ModelProto>,
  rows: readonly RawRow[],
  numericColumns: string[],
  missing: ReadonlySet<string>,
) {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of proto.graph?.input ?? []) {
    const name = input.name ?? '';
    const columns =
      numericColumns.includes(name) || input.type?.tensorType?.elemType === DataType.STRING
        ? [name]
        : numericColumns;
    const cells = rows.flatMap((row) => columns.map((column) => row[column]));
    const number = (raw: RawRow[string], c: number) =>
      parseNumber(columns[c % columns.length] ?? '', raw, missing) ?? Number.NaN;
    const dims = [rows.length, columns.length];
    switch (input.type?.tensorType?.elemType) {
      case DataType.STRING:
        feeds[name] = new ort.Tensor(
          'string',
          cells.map((raw) => (raw === undefined || missing.has(String(raw)) ? '' : String(raw))),
          dims,
        );
        break;
      case DataType.DOUBLE:
        feeds[name] = new ort.Tensor('float64', Float64Array.from(cells, number), dims);
        break;
      case DataType.INT64:
        feeds[name] = new ort.Tensor(
          'int64',
          BigInt64Array.from(cells, (raw, c) => BigInt(number(raw, c))),
          dims,
        );
        break;
      default:
        feeds[name] = new ort.Tensor('float32', Float32Array.from(cells, number), dims);
    }
  }
  return feeds;
}

/** Runs the model on the sample, exposing `extra` (the tensor a ZipMap reads) as an output too. */
async function runOnSample(model: NotebookModel, fetch: string[], extra?: string) {
  const proto = onnx.ModelProto.decode(await readFile(model.modelPath));
  if (extra) proto.graph?.output?.push(onnx.ValueInfoProto.create({ name: extra }));
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(proto).finish());
  const sample = await readSample(model);
  const numericColumns = sample.schema.columns
    .filter((c) => c.role === 'feature' && (c.type === 'number' || c.type === 'integer'))
    .map((c) => c.name);
  const outputs = await session.run(
    buildFeeds(proto, sample.rows, numericColumns, sample.missing),
    fetch,
  );
  return { proto, graph: readGraph(proto), sample, outputs, expected: model.predict(sample.rows) };
}

/** The decoded graph, whose lists protobufjs always sets. */
function readGraph(
  proto: InstanceType<typeof onnx.ModelProto>,
): InstanceType<typeof onnx.GraphProto> {
  return proto.graph as InstanceType<typeof onnx.GraphProto>;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i += 1)
    max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** Index of the largest of each row's `k` values. */
function argmaxRows(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length / k }, (_, r) => {
    let best = 0;
    for (let c = 1; c < k; c += 1)
      if ((values[r * k + c] as number) > (values[r * k + best] as number)) best = c;
    return best;
  });
}

const accuracy = (predicted: number[], truth: number[]) =>
  predicted.filter((p, i) => p === truth[i]).length / truth.length;
const majorityRate = (truth: number[]) =>
  Math.max(...[...new Set(truth)].map((c) => truth.filter((t) => t === c).length)) / truth.length;

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

  describe('bad models', () => {
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
