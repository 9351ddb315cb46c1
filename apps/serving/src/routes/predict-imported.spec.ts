/** @jest-environment ../../jest.onnx-environment.js */
// An imported (raw-input) model served over real sockets: a pipeline of skl2onnx's shape over the
// generated loans dataset (one input per column: text, float and int64; Imputer and
// OneHotEncoder inside the graph). /predict and V2 infer feed it the columns it declares; what
// its inputs cannot take is a 400 naming the row, the feature and the input; drift and live
// quality work per raw column as for a trained model.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReferenceStats } from '@modelship/data-validation';
import { streamCsvRows } from '@modelship/data-validation';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import { importedBundleDir } from '../../test/imported-fixtures.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { fixtureDir, stableModel, startTestServer } from '../../test/serving-fixture.js';
import { buildExampleRow } from '../input/build-example-row.js';
import { compileInstanceRules } from '../input/instance-rules.js';

type Row = Record<string, unknown>;

const ROWS = 300;

/** The loans generator's own probability of default, as the imported graph computes it. */
function expectedProbability(row: Row): number {
  const missing = (value: unknown) => value === null || value === '';
  const income = missing(row['income_k']) ? 80 : Number(row['income_k']);
  const owns = row['owns_home'] === 'Y' || row['owns_home'] === true ? 1 : 0;
  const logit =
    -1 +
    (2.2 * Number(row['loan_amount'])) / 1000 / income -
    0.08 * Number(row['years_employed']) -
    0.6 * owns +
    (row['term'] === '60m' ? 0.7 : 0) +
    (row['purpose'] === 'business' ? 0.8 : 0);
  return 1 / (1 + Math.exp(-logit));
}

let server: TestServer;
let strict: TestServer;
let storeDir: string;
let rows: Row[];
let truths: string[];
let example: Row;

beforeAll(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 'imported-feedback-'));
  const dir = importedBundleDir('loans');
  [server, strict] = await Promise.all([
    startTestServer(
      {
        MODEL_DIR: dir,
        FEEDBACK_STORE: `file:${storeDir}`,
        FEEDBACK_WINDOW: String(ROWS),
        DRIFT_WINDOW: String(ROWS),
      },
      'binary',
    ),
    startTestServer({ MODEL_DIR: dir, UNKNOWN_CATEGORIES: 'reject' }, 'binary'),
  ]);
  const model = stableModel(server);
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  const reference = await loadBundleJson<ReferenceStats>(dir, BUNDLE_FILES.referenceStats);
  example = buildExampleRow(model.featureSpec, model.inputSchema, reference);
  rows = [];
  truths = [];
  for await (const { values } of streamCsvRows(join(fixtureDir('binary'), 'data', 'loans.csv'))) {
    rows.push(Object.fromEntries(Object.entries(values).filter(([key]) => inputs.has(key))));
    truths.push(String(values['defaulted']));
    if (rows.length === ROWS) break;
  }
});
afterAll(async () => {
  await Promise.all([server.close(), strict.close()]);
  await rm(storeDir, { recursive: true, force: true });
});

describe('an imported model on /predict', () => {
  it('loads as an imported model whose inputs are the columns it declares', () => {
    const model = stableModel(server);
    expect(model.imported).toBe(true);
    expect(model.tensorInput).toBeNull();
    expect(model.featureSpec.modelInputs?.map((input) => input.elementType)).toEqual([
      'float',
      'float',
      'string',
      'string',
      'int64',
      'float',
    ]);
  });

  it('answers one row with the probability its graph computes from the raw columns', async () => {
    const { body, headers } = await server.http.post('/predict').send(example).expect(200);
    expect(headers['x-model-name']).toBe('loans');
    expect(body.probability).toBeCloseTo(expectedProbability(example), 5);
    expect(body.label).toBe(body.probability >= 0.5 ? 'yes' : 'no');
  });

  it('answers real rows (missing income and home ownership imputed in the graph) row by row', async () => {
    const batch = rows.slice(0, 50);
    expect(batch.some((row) => row['income_k'] === '')).toBe(true);
    const { body } = await server.http.post('/predict').send({ instances: batch }).expect(200);
    const probabilities = body.predictions.map((p: { probability: number }) => p.probability);
    expect(new Set(probabilities).size).toBeGreaterThan(40);
    probabilities.forEach((probability: number, i: number) =>
      expect(probability).toBeCloseTo(expectedProbability(batch[i]!), 5),
    );
    // Ids are echoed; an unknown purpose reaches the graph as the out-of-vocabulary bucket.
    expect(body.predictions[0].id).toEqual({ application_ref: batch[0]!['application_ref'] });
    const unknown = { ...example, purpose: 'boat', term: '60m' };
    const { body: answer } = await server.http.post('/predict').send(unknown).expect(200);
    expect(answer.probability).toBeCloseTo(expectedProbability(unknown), 5);
    const metrics = (await server.http.get('/metrics')).text;
    expect(metrics).toContain(
      'modelship_unknown_category_total{model="loans",feature="purpose"} 1',
    );
  });

  it.each<[string, Row, string]>([
    [
      'a fractional value for an int64 input',
      { years_employed: 2.5 },
      "instances[1]: Feature `years_employed` is 2.5; the model's input `years_employed` is int64 and takes integers.",
    ],
    [
      'a missing value for an int64 input',
      { years_employed: null },
      "instances[1]: Feature `years_employed` is null; the model's input `years_employed` is int64, which has no missing value.",
    ],
    [
      'an integer float32 cannot carry exactly',
      { years_employed: '20000001' },
      'instances[1]: Feature `years_employed` is "20000001"; the model\'s input `years_employed` is int64; values beyond +-16777216 are not carried exactly.',
    ],
    [
      'a category outside the schema (UNKNOWN_CATEGORIES=reject)',
      { term: '12m' },
      'instances[1]: feature `term` is "12m", not one of the schema\'s categories ("36m", "60m").',
    ],
    [
      'a number beyond float32',
      { loan_amount: 1e39 },
      'instances[1]: feature `loan_amount` is 1e+39, outside the float32 range',
    ],
    [
      'text for a number',
      { income_k: 'lots' },
      'instances[1]: Feature `income_k` must be a number, got "lots" (string).',
    ],
    [
      'a boolean that is none of the spellings',
      { owns_home: 'maybe' },
      'instances[1]: Feature `owns_home` must be a boolean, got "maybe" (string); use true/false or one of "Y", "N".',
    ],
    [
      'a text longer than MAX_STRING_LENGTH',
      { purpose: 'p'.repeat(300) },
      'instances[1]: feature `purpose` is a string of 300 characters; the limit is 256 (MAX_STRING_LENGTH).',
    ],
    [
      'an object for a text input',
      { purpose: { toString: 1 } },
      'instances[1]: Feature `purpose` must be a string, number, boolean or null, got an object.',
    ],
    [
      'a missing column',
      { term: undefined },
      'instances[1]: Feature `term` is missing; send it (use null for an unknown value).',
    ],
  ])('answers %s with a 400 naming the instance and the feature', async (_title, change, error) => {
    const bad = { ...example, ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete bad[key];
    const response = await strict.http
      .post('/predict')
      .send({ instances: [example, bad] })
      .expect(400);
    expect(response.body.error).toContain(error);
    // Nothing was scored: the service stays ready and answers the good row alone.
    await strict.http.post('/predict').send(example).expect(200);
  });
});

// Each column as the model metadata lists it: its model input's datatype (BOOL for a boolean).
const DATATYPES: Record<string, string> = {
  income_k: 'FP32',
  loan_amount: 'FP32',
  term: 'BYTES',
  purpose: 'BYTES',
  years_employed: 'INT64',
  owns_home: 'BOOL',
};

describe('an imported model over V2', () => {
  const columnsOf = (batch: Row[], shape: (n: number) => number[]) => {
    return Object.entries(DATATYPES).map(([name, datatype]) => ({
      name,
      datatype,
      shape: shape(batch.length),
      data: batch.map((row) => {
        const value = row[name];
        if (value === '') return null;
        if (datatype === 'BYTES') return value;
        return datatype === 'BOOL' ? value === 'Y' : Number(value);
      }),
    }));
  };

  it('lists its inputs in the model metadata as its columns, with their datatypes', async () => {
    const { body } = await server.http.get('/v2/models/loans').expect(200);
    expect(body.inputs).toEqual([
      { name: 'income_k', datatype: 'FP32', shape: [-1] },
      { name: 'loan_amount', datatype: 'FP32', shape: [-1] },
      { name: 'term', datatype: 'BYTES', shape: [-1] },
      { name: 'purpose', datatype: 'BYTES', shape: [-1] },
      { name: 'years_employed', datatype: 'INT64', shape: [-1] },
      { name: 'owns_home', datatype: 'BOOL', shape: [-1] },
    ]);
    expect(body.parameters.tensor_input).toBeNull();
    expect(body.outputs.map((o: { name: string }) => o.name)).toEqual(['probability', 'label']);
  });

  it.each([
    ['[N]', (n: number) => [n]],
    ['[N, 1]', (n: number) => [n, 1]],
  ])('answers one input per column shaped %s as /predict answers the rows', async (_s, shape) => {
    const batch = rows.slice(0, 20);
    const { body } = await server.http
      .post('/v2/models/loans/infer')
      .send({ inputs: columnsOf(batch, shape) })
      .expect(200);
    const probability = body.outputs.find((o: { name: string }) => o.name === 'probability');
    expect(probability.shape).toEqual([20]);
    probability.data.forEach((p: number, i: number) =>
      expect(p).toBeCloseTo(expectedProbability(batch[i]!), 5),
    );
    expect(body.parameters.prediction_ids).toHaveLength(20);
  });

  it.each<[string, (inputs: ReturnType<typeof columnsOf>) => unknown, string]>([
    [
      'a boolean for an INT64 column',
      (inputs) =>
        inputs.map((i) =>
          i.name === 'years_employed' ? { ...i, datatype: 'BOOL', data: [true] } : i,
        ),
      'row 0: Feature `years_employed` must be a number, got true (boolean).',
    ],
    [
      'a fractional value in an INT64 column',
      (inputs) => inputs.map((i) => (i.name === 'years_employed' ? { ...i, data: [0.5] } : i)),
      "row 0: Feature `years_employed` is 0.5; the model's input `years_employed` is int64 and takes integers.",
    ],
    [
      'a number column given text',
      (inputs) =>
        inputs.map((i) => (i.name === 'income_k' ? { ...i, datatype: 'BYTES', data: ['9k'] } : i)),
      'row 0: Feature `income_k` must be a number, got "9k" (string).',
    ],
    [
      'elements of another type than the datatype',
      (inputs) => inputs.map((i) => (i.name === 'term' ? { ...i, data: [36] } : i)),
      'inputs[2] (`term`): element 0 is 36, not a BYTES value (string or null).',
    ],
    [
      'a FP32 matrix: the model has no such input',
      () => [{ name: 'features', datatype: 'FP32', shape: [1, 6], data: [1, 2, 3, 4, 5, 6] }],
      'inputs[0] (`features`): not a feature of this model; send one input per raw feature column.',
    ],
    [
      'a column left out',
      (inputs) => inputs.filter((i) => i.name !== 'purpose'),
      'row 0: Feature `purpose` is missing',
    ],
  ])('answers %s with a 400 naming the input', async (_title, edit, error) => {
    const { body } = await server.http
      .post('/v2/models/loans/infer')
      .send({ inputs: edit(columnsOf(rows.slice(0, 1), (n) => [n, 1])) })
      .expect(400);
    expect(body.error).toContain(error);
  });
});

describe('monitoring an imported model', () => {
  it('reports drift per raw column against the bundle reference, and live quality from feedback', async () => {
    const { body } = await server.http.post('/predict').send({ instances: rows.slice(0, 100) });
    const more = await server.http.post('/predict').send({ instances: rows.slice(100, ROWS) });
    const answers = [...body.predictions, ...more.body.predictions] as {
      predictionId: string;
      label: string;
      probability: number;
    }[];
    await server.ctx.monitor.drift.settled();
    const drift = (await server.http.get('/drift').expect(200)).body.models[0];
    expect(drift.model).toBe('loans');
    const features = new Map(
      drift.features.map((f: { name: string; psi: number }) => [f.name, f.psi]),
    );
    for (const column of ['income_k', 'loan_amount', 'term', 'purpose', 'years_employed']) {
      expect(features.get(column)).toBeLessThan(0.1);
    }

    const feedback = answers.map((a, i) => ({ predictionId: a.predictionId, label: truths[i] }));
    for (let i = 0; i < feedback.length; i += 100) {
      const result = await server.http
        .post('/feedback')
        .send({ feedback: feedback.slice(i, i + 100) })
        .expect(200);
      expect(result.body.counts.joined).toBe(Math.min(100, feedback.length - i));
    }
    const correct = answers.filter((a, i) => a.label === truths[i]).length;
    const summary = (await server.http.get('/feedback/summary').expect(200)).body.models[0];
    expect(summary).toMatchObject({ model: 'loans', labelledRows: ROWS });
    expect(summary.accuracy).toBeCloseTo(correct / ROWS, 9);
    // The graph is the generator's own formula: clearly better than chance on real rows.
    expect(summary.rocAuc).toBeGreaterThan(0.7);
  });
});
