/** @jest-environment ../../jest.onnx-environment.js */
// The NOTEBOOK models (skl2onnx and onnxmltools shapes, weights fitted on another draw of the
// dataset) imported with `modelship import` and served over real sockets: a scikit-learn
// pipeline with string and float inputs whose ZipMap import removed, LightGBM trees on one float
// tensor, a regressor with double, int64 and string inputs. Each answers real rows of its dataset
// as a direct onnxruntime run of its bundle's model.onnx on hand-built tensors does, through
// /predict and V2 alike; refuses hostile values naming the field; and reports drift and live
// quality per raw column.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceStats } from '@modelship/data-validation';
import { streamCsvRows } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import * as ort from 'onnxruntime-node';
import type { ImportedFixture } from '../../test/imported-fixtures.js';
import { IMPORTED_FIXTURES, importedBundleDir } from '../../test/imported-fixtures.js';
import type { TestServer } from '../../test/serving-fixture.js';
import {
  FIXTURE_MODELS,
  fixtureDir,
  stableModel,
  startTestServer,
} from '../../test/serving-fixture.js';
import { buildExampleRow } from '../input/build-example-row.js';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { ModelVersion } from '../models/model-version.js';

type Row = Record<string, string>;

const ROWS = 300;

// Each kind's inputs as V2 model metadata must list them: the column and the input it feeds.
const INPUTS: Record<string, [string, string][]> = {
  'sklearn-pipeline-binary': [
    ['income_k', 'FP32'],
    ['loan_amount', 'FP32'],
    ['term', 'BYTES'],
    ['purpose', 'BYTES'],
    ['years_employed', 'FP32'],
    ['owns_home', 'BYTES'],
  ],
  'trees-multiclass': [
    ['wait_minutes', 'FP32'],
    ['words', 'FP32'],
  ],
  regressor: [
    ['area_m2', 'FP64'],
    ['rooms', 'INT64'],
    ['district', 'BYTES'],
  ],
};

interface Served {
  server: TestServer;
  storeDir: string;
  model: ModelVersion;
  rows: Row[];
  truths: string[];
}

/** Rows of the trained fixture's own CSV (a draw the notebook never saw), with their labels. */
async function readRows(kind: ImportedFixture, model: ModelVersion) {
  const { trained } = IMPORTED_FIXTURES[kind];
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  const target = model.metadata.target.column;
  const csv = join(fixtureDir(trained), 'data', `${FIXTURE_MODELS[trained]}.csv`);
  const rows: Row[] = [];
  const truths: string[] = [];
  for await (const { values } of streamCsvRows(csv)) {
    rows.push(Object.fromEntries(Object.entries(values).filter(([key]) => inputs.has(key))));
    truths.push(String(values[target]));
    if (rows.length === ROWS) break;
  }
  return { rows, truths };
}

/**
 * The bundle's model.onnx run directly on tensors built here from the CSV texts, as the model's
 * inputs declare them (a missing number as NaN, a missing text as ""): what serving must answer.
 */
async function runDirectly(dir: string, spec: FeatureSpec, rows: readonly Row[]) {
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
  const feeds: Record<string, ort.Tensor> = {};
  for (const { name, elementType, columns } of spec.modelInputs ?? []) {
    const cells = rows.flatMap((row) => columns.map((column) => row[column] ?? ''));
    const numbers = cells.map((cell) => (cell === '' ? Number.NaN : Number(cell)));
    const dims = [rows.length, columns.length];
    feeds[name] =
      elementType === 'string'
        ? new ort.Tensor('string', cells, dims)
        : elementType === 'double'
          ? new ort.Tensor('float64', Float64Array.from(numbers), dims)
          : elementType === 'int64'
            ? new ort.Tensor(
                'int64',
                BigInt64Array.from(numbers, (n) => BigInt(n)),
                dims,
              )
            : new ort.Tensor('float32', Float32Array.from(numbers), dims);
  }
  const output = (await session.run(feeds))[session.outputNames[0]];
  await session.release();
  return Array.from(output.data as Float32Array);
}

/** The numbers one /predict answer carries, in the model's output order. */
function readAnswer(model: ModelVersion, prediction: Record<string, unknown>): number[] {
  if (model.task === 'regression') return [prediction['value'] as number];
  const probabilities = prediction['probabilities'] as Record<string, number>;
  return model.task === 'binary'
    ? [probabilities[model.classes[1]!]!]
    : model.classes.map((name) => probabilities[name]!);
}

describe.each(['sklearn-pipeline-binary', 'trees-multiclass', 'regressor'] as const)(
  'the NOTEBOOK model %s, imported',
  (kind) => {
    let s: Served;
    beforeAll(async () => {
      const storeDir = await mkdtemp(join(tmpdir(), `notebook-${kind}-`));
      const server = await startTestServer(
        {
          MODEL_DIR: importedBundleDir(kind),
          FEEDBACK_STORE: `file:${storeDir}`,
          FEEDBACK_WINDOW: String(ROWS),
          DRIFT_WINDOW: String(ROWS),
        },
        IMPORTED_FIXTURES[kind].trained,
      );
      const model = stableModel(server);
      s = { server, storeDir, model, ...(await readRows(kind, model)) };
    });
    afterAll(async () => {
      await s?.server.close();
      if (s) await rm(s.storeDir, { recursive: true, force: true });
    });

    it('loads as an imported model; V2 metadata lists its columns with their inputs’ datatypes', async () => {
      expect(s.model.imported).toBe(true);
      expect(s.model.metadata.imported?.producer.name).toMatch(/skl2onnx|onnxmltools/);
      const { body } = await s.server.http.get(`/v2/models/${s.model.key.name}`).expect(200);
      expect(body.inputs).toEqual(
        INPUTS[kind]!.map(([name, datatype]) => ({ name, datatype, shape: [-1] })),
      );
      expect(body.parameters.task).toBe(s.model.task);
    });

    it('answers its example row, typical values from the bundle reference statistics', async () => {
      const reference = await loadBundleJson<ReferenceStats>(
        s.model.dir,
        BUNDLE_FILES.referenceStats,
      );
      const row = buildExampleRow(s.model.featureSpec, s.model.inputSchema, reference);
      expect(Object.keys(row)).toEqual(s.model.featureSpec.columns.map((c) => c.column));
      for (const feature of reference.features) {
        if (feature.kind !== 'numeric' || !(feature.name in row)) continue;
        expect(row[feature.name]).toBeGreaterThanOrEqual(feature.min);
        expect(row[feature.name]).toBeLessThanOrEqual(feature.max);
        expect(row[feature.name]).not.toBe(0);
      }
      await s.server.http.post('/predict').send(row).expect(200);
    });

    it('answers real rows on /predict as a direct run of its model.onnx does, one row and many', async () => {
      const expected = await runDirectly(s.model.dir, s.model.featureSpec, s.rows.slice(0, 60));
      const { body } = await s.server.http
        .post('/predict')
        .send({ instances: s.rows.slice(0, 60) })
        .expect(200);
      const answered = (body.predictions as Record<string, unknown>[]).flatMap((p) =>
        readAnswer(s.model, p),
      );
      expect(answered).toHaveLength(expected.length);
      answered.forEach((value, i) =>
        expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(
          1e-5 * Math.max(1, Math.abs(expected[i]!)),
        ),
      );
      expect(new Set(answered).size).toBeGreaterThan(10);
      const one = await s.server.http.post('/predict').send(s.rows[0]).expect(200);
      expect(readAnswer(s.model, one.body)).toEqual(readAnswer(s.model, body.predictions[0]));
    });

    it('answers V2 infer with one input per column as /predict answers the same rows', async () => {
      const rows = s.rows.slice(0, 10);
      const inputs = INPUTS[kind]!.map(([name, datatype]) => ({
        name,
        datatype,
        shape: [rows.length, 1],
        data: rows.map((row) => {
          const cell = row[name] ?? '';
          if (cell === '') return null;
          return datatype === 'BYTES' ? cell : Number(cell);
        }),
      }));
      const { body } = await s.server.http
        .post(`/v2/models/${s.model.key.name}/infer`)
        .send({ inputs })
        .expect(200);
      const predicted = await s.server.http.post('/predict').send({ instances: rows }).expect(200);
      const first = body.outputs[0] as { data: number[] };
      expect(first.data).toEqual(
        (predicted.body.predictions as Record<string, unknown>[]).flatMap((p) =>
          readAnswer(s.model, p),
        ),
      );
    });

    it('refuses hostile values with a 400 naming the instance and the field', async () => {
      const columns = s.model.featureSpec.columns;
      const number = columns.find((c) => c.kind === 'raw-number')?.column ?? '';
      const text = columns.find((c) => c.kind === 'raw-string')?.column;
      const integer = s.model.featureSpec.modelInputs?.find((b) => b.elementType === 'int64');
      const row = s.rows[0]!;
      const cases: (readonly [Record<string, unknown>, string])[] = [
        [{ [number]: 'lots' }, `Feature \`${number}\` must be a number, got "lots" (string).`],
        [{ [number]: 1e39 }, `feature \`${number}\` is 1e+39, outside the float32 range`],
        [{ [number]: [1] }, `Feature \`${number}\` must be a string, number, boolean or null`],
        [{ shoe_size: 42 }, 'unknown feature `shoe_size`'],
        ...(text
          ? [[{ [text]: { toString: 1 } }, `Feature \`${text}\` must be a string`] as const]
          : []),
        ...(integer
          ? [
              [
                { [integer.name]: 2.5 },
                `Feature \`${integer.name}\` is 2.5; the model's input \`${integer.name}\` is int64 and takes integers.`,
              ] as const,
            ]
          : []),
      ];
      for (const [change, error] of cases) {
        const { body } = await s.server.http
          .post('/predict')
          .send({ instances: [row, { ...row, ...change }] })
          .expect(400);
        expect(body.error).toContain(`instances[1]: ${error}`);
      }
      const { [number]: _left, ...missing } = row;
      const { body } = await s.server.http.post('/predict').send(missing).expect(400);
      expect(body.error).toContain(`body: Feature \`${number}\` is missing`);
    });

    it('reports drift per raw column, and live quality from feedback, as good as its evaluation', async () => {
      const answers: Record<string, unknown>[] = [];
      for (let i = 0; i < ROWS; i += 100) {
        const { body } = await s.server.http
          .post('/predict')
          .send({ instances: s.rows.slice(i, i + 100) })
          .expect(200);
        answers.push(...body.predictions);
      }
      await s.server.ctx.monitor.drift.settled();
      const drift = (await s.server.http.get('/drift').expect(200)).body.models[0];
      const psi = new Map(
        drift.features.map((f: { name: string; psi: number }) => [f.name, f.psi]),
      );
      for (const { column } of s.model.featureSpec.columns)
        expect(psi.get(column)).toBeLessThan(0.25);

      const feedback = answers.map((a, i) => ({
        predictionId: a['predictionId'],
        label: s.truths[i],
      }));
      for (let i = 0; i < ROWS; i += 100) {
        const { body } = await s.server.http
          .post('/feedback')
          .send({ feedback: feedback.slice(i, i + 100) })
          .expect(200);
        expect(body.counts.joined).toBe(100);
      }
      const summary = (await s.server.http.get('/feedback/summary').expect(200)).body.models[0];
      expect(summary).toMatchObject({ model: s.model.key.name, labelledRows: ROWS });
      if (s.model.task === 'regression') {
        const truths = s.truths.map(Number);
        const errors = answers.map((a, i) => (a['value'] as number) - truths[i]!);
        const mae = errors.reduce((sum, e) => sum + Math.abs(e), 0) / ROWS;
        expect(summary.mae / mae).toBeCloseTo(1, 6);
        const mean = truths.reduce((sum, t) => sum + t, 0) / ROWS;
        const total = truths.reduce((sum, t) => sum + (t - mean) ** 2, 0);
        const residual = errors.reduce((sum, e) => sum + e * e, 0);
        expect(1 - residual / total).toBeGreaterThan(0.8);
      } else {
        const correct = answers.filter((a, i) => a['label'] === s.truths[i]).length;
        expect(summary.accuracy).toBeCloseTo(correct / ROWS, 9);
        expect(summary.accuracy).toBeGreaterThan(s.model.task === 'binary' ? 0.65 : 0.6);
      }
    });
  },
);

describe('the imported trees, one float tensor of every feature', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { MODEL_DIR: importedBundleDir('trees-multiclass') },
      'multiclass',
    );
  });
  afterAll(() => server.close());

  it('also take that tensor over V2 as one FP32 [N, width] input, answered as the columns are', async () => {
    const model = stableModel(server);
    expect(model.tensorInput).toEqual({ name: 'input', width: 2 });
    const { body: metadata } = await server.http.get('/v2/models/tickets').expect(200);
    expect(metadata.parameters.tensor_input).toEqual({ name: 'input', width: 2 });
    const rows = [
      { wait_minutes: 12.5, words: 80 },
      { wait_minutes: 95, words: 310 },
    ];
    const tensor = await server.http
      .post('/v2/models/tickets/infer')
      .send({
        inputs: [
          { name: 'input', datatype: 'FP32', shape: [2, 2], data: rows.flatMap(Object.values) },
        ],
      })
      .expect(200);
    const { body } = await server.http.post('/predict').send({ instances: rows }).expect(200);
    expect(tensor.body.outputs[0].data).toEqual(
      (body.predictions as Record<string, unknown>[]).flatMap((p) => readAnswer(model, p)),
    );
    const wide = await server.http
      .post('/v2/models/tickets/infer')
      .send({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }] })
      .expect(400);
    expect(wide.body.error).toBe(
      "inputs[0] (`input`): shape [1, 3] does not match the model's input [N, 2].",
    );
  });
});

describe('the imported scikit-learn pipeline, which one-hot encodes a boolean column as text', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { MODEL_DIR: importedBundleDir('sklearn-pipeline-binary') },
      'binary',
    );
  });
  afterAll(() => server.close());

  it('hands it the spelling its encoder knows for a JSON boolean, and refuses a non-boolean', async () => {
    const row = {
      income_k: 40,
      loan_amount: 25_000,
      term: '60m',
      purpose: 'car',
      years_employed: 1,
    };
    const answer = async (owns: unknown) =>
      (
        await server.http
          .post('/predict')
          .send({ ...row, owns_home: owns })
          .expect(200)
      ).body.probability as number;
    const [yes, no] = [await answer('Y'), await answer('N')];
    expect(yes).not.toBeCloseTo(no, 3);
    expect(await answer(true)).toBe(yes);
    expect(await answer(false)).toBe(no);
    expect(await answer('y')).toBe(yes);
    const { body } = await server.http
      .post('/predict')
      .send({
        instances: [
          { ...row, owns_home: 'Y' },
          { ...row, owns_home: 'maybe' },
        ],
      })
      .expect(400);
    expect(body.error).toBe(
      'instances[1]: Feature `owns_home` must be a boolean, got "maybe" (string); use true/false or one of "Y", "N".',
    );
  });
});
