// Spec helpers: a notebook model run by onnxruntime-node on its own sample, with inputs built
// from the raw rows as any caller would (by hand, independently of buildModelFeeds), beside what
// the notebook's fitter answers for the same rows.
import { readFile } from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { getMissingValues, loadSchema, withTargetColumn } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { parseNumber } from '@modelship/features';
import { loadTaskDataset } from '../../data/load-task-dataset.js';
import type { NotebookModel } from './notebook-models.js';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;

/** The sample's feature rows and labels (class indices into `classes`, or values), as the kit reads them. */
export async function readSample(model: NotebookModel) {
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
export function buildFeeds(
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
export async function runOnSample(model: NotebookModel, fetch: string[], extra?: string) {
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
export function readGraph(
  proto: InstanceType<typeof onnx.ModelProto>,
): InstanceType<typeof onnx.GraphProto> {
  return proto.graph as InstanceType<typeof onnx.GraphProto>;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i += 1)
    max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** Index of the largest of each row's `k` values. */
export function argmaxRows(values: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: values.length / k }, (_, r) => {
    let best = 0;
    for (let c = 1; c < k; c += 1)
      if ((values[r * k + c] as number) > (values[r * k + best] as number)) best = c;
    return best;
  });
}

export const accuracy = (predicted: number[], truth: number[]) =>
  predicted.filter((p, i) => p === truth[i]).length / truth.length;
export const majorityRate = (truth: number[]) =>
  Math.max(...[...new Set(truth)].map((c) => truth.filter((t) => t === c).length)) / truth.length;
