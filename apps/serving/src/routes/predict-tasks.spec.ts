/** @jest-environment ../../jest.onnx-environment.js */
// /predict, V2 and the OpenAPI document for every task, on real bundles trained from generated
// datasets shaped nothing like the churn sample (loans: yes/no; tickets: low/normal/urgent;
// listings: a price in euros), each with an id column, an ignored column and missing values.
// Rows of the training CSV are posted as they are, and every answer is checked against
// onnxruntime-node run directly on the same features.
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { streamCsvRows } from '@modelship/data-validation';
import { transformRows } from '@modelship/features';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import * as ort from 'onnxruntime-node';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import type { ModelVersion } from '../models/model-version.js';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { fixtureDir, stableModel, startTestServer } from '../../test/serving-fixture.js';

const ROWS = 24;

interface ClassAnswer {
  predictionId: string;
  label: string;
  probability: number;
  probabilities: Record<string, number>;
  id?: Record<string, unknown>;
}
interface ValueAnswer {
  predictionId: string;
  value: number;
  id?: Record<string, unknown>;
}

describe.each<[Task, FixtureModel]>([
  ['binary', 'binary'],
  ['multiclass', 'multiclass'],
  ['regression', 'regression'],
])('a %s model', (task, dataset) => {
  let server: TestServer;
  let model: ModelVersion;
  let csvRows: Record<string, string>[];
  let targets: string[];
  let instances: Record<string, string>[];
  let direct: Float32Array;
  let width: number;

  beforeAll(async () => {
    server = await startTestServer({}, dataset);
    model = stableModel(server);
    ({ csvRows, targets } = await readTrainingRows(dataset, model));
    instances = csvRows.map((row) => withoutKey(row, model.metadata.target.column));
    ({ data: direct, width } = await runOnnx(model, instances));
  });
  afterAll(() => server.close());

  const columnsWithRole = (role: string) =>
    model.inputSchema.columns.filter((column) => column.role === role).map((c) => c.name);

  it('is loaded as its bundle says, with the classes of the training data', () => {
    expect(model.task).toBe(task);
    if (task === 'regression') {
      expect(model.classes).toEqual([]);
    } else {
      expect(model.classes).toEqual(model.metadata.target.classes);
      for (const target of targets) expect(model.classes).toContain(target);
    }
    expect(model.classes).toHaveLength({ binary: 2, multiclass: 3, regression: 0 }[task]);
    expect(width).toBe(task === 'multiclass' ? model.classes.length : 1);
  });

  it('answers rows of the training CSV posted as they are, id and ignored columns included', async () => {
    expect(columnsWithRole('id')).toHaveLength(1);
    expect(columnsWithRole('ignore')).toHaveLength(1);
    const { body } = await server.http.post('/predict').send({ instances }).expect(200);
    const predictions = body.predictions as (ClassAnswer | ValueAnswer)[];
    expect(predictions).toHaveLength(ROWS);
    const [idColumn] = columnsWithRole('id');
    predictions.forEach((prediction, row) => {
      expect(prediction.predictionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(prediction.id).toEqual({ [idColumn]: instances[row][idColumn] });
    });
    expect(new Set(predictions.map((p) => p.predictionId)).size).toBe(ROWS);
  });

  it('answers what onnxruntime answers for the same features, in the user’s labels or units', async () => {
    const { body } = await server.http.post('/predict').send({ instances }).expect(200);
    const predictions = body.predictions as (ClassAnswer | ValueAnswer)[];
    if (task === 'regression') {
      const values = (predictions as ValueAnswer[]).map((p) => p.value);
      for (const p of predictions)
        expect(Object.keys(p).sort()).toEqual(['id', 'predictionId', 'value']);
      expect(values).toEqual(Array.from(direct));
      // In the target's own units: near the prices of the same rows, not standardised scores.
      const actual = targets.map(Number);
      const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(Math.abs(meanOf(values) / meanOf(actual) - 1)).toBeLessThan(0.25);
      return;
    }
    const answers = predictions as ClassAnswer[];
    answers.forEach((answer, row) => {
      const expected = model.classes.map((_, k) =>
        task === 'binary' ? (k === 1 ? direct[row] : 1 - direct[row]) : direct[row * width + k],
      );
      expect(Object.keys(answer.probabilities).sort()).toEqual([...model.classes].sort());
      model.classes.forEach((name, k) => expect(answer.probabilities[name]).toBe(expected[k]));
      const sum = Object.values(answer.probabilities).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
      const best =
        task === 'binary'
          ? direct[row] >= model.threshold
            ? 1
            : 0
          : expected.indexOf(Math.max(...expected));
      expect(answer.label).toBe(model.classes[best]);
      expect(answer.probability).toBe(task === 'binary' ? direct[row] : expected[best]);
    });
    // A model that answers one class for every row would pass the checks above by accident.
    expect(new Set(answers.map((a) => a.label)).size).toBeGreaterThan(1);
  });

  it('counts predictions by class text, or as `value` for regression', async () => {
    const base = `modelship_predictions_total{model="${model.key.name}",version="1",variant="stable"`;
    const read = async () => {
      const { text } = await server.http.get('/metrics').expect(200);
      return new Map(
        [...text.matchAll(new RegExp(`^${base},label="([^"]*)"} (\\d+)$`, 'gm'))].map((m) => [
          m[1],
          Number(m[2]),
        ]),
      );
    };
    const before = await read();
    const { body } = await server.http.post('/predict').send({ instances }).expect(200);
    const after = await read();
    const predicted = (body.predictions as (ClassAnswer | ValueAnswer)[]).map((p) =>
      'label' in p ? p.label : 'value',
    );
    const expected = new Map<string, number>();
    for (const label of predicted) expected.set(label, (expected.get(label) ?? 0) + 1);
    for (const label of after.keys()) {
      expect([label, (after.get(label) ?? 0) - (before.get(label) ?? 0)]).toEqual([
        label,
        expected.get(label) ?? 0,
      ]);
    }
    expect([...expected.keys()].every((label) => after.has(label))).toBe(true);
  });

  it('answers one instance beside the model, without `id` when it sent none', async () => {
    const [idColumn] = columnsWithRole('id');
    const { body } = await server.http
      .post('/predict')
      .send(withoutKey(instances[0], idColumn))
      .expect(200);
    expect(body).toMatchObject({ model: model.key.name, version: '1', variant: 'stable' });
    expect(body).not.toHaveProperty('id');
    expect(body).toHaveProperty(task === 'regression' ? 'value' : 'label');
  });

  it('refuses a column the schema does not know with a 400 naming it', async () => {
    const response = await server.http
      .post('/predict')
      .send({ instances: [instances[0], { ...instances[1], shoe_size: '42' }] })
      .expect(400);
    expect(response.body.error).toMatch(/^instances\[1\]: unknown feature `shoe_size`/);
  });

  it('bounds an id value like any string (MAX_STRING_LENGTH) and refuses an object there', async () => {
    const [idColumn] = columnsWithRole('id');
    const long = await server.http
      .post('/predict')
      .send({ ...instances[0], [idColumn]: 'x'.repeat(5000) })
      .expect(400);
    expect(long.body.error).toContain(
      `body: column \`${idColumn}\` is a string of 5000 characters`,
    );
    const nested = await server.http
      .post('/predict')
      .send({ ...instances[0], [idColumn]: { ref: 1 } })
      .expect(400);
    expect(nested.body.error).toContain(
      `body: Column \`${idColumn}\` must be a string, number, boolean or null`,
    );
  });

  it('answers V2 infer with the outputs of its task, equal to /predict’s', async () => {
    const features = transformRows(model.featureSpec, instances as never);
    const { body } = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({
        inputs: [featureTensor(model, Array.from(features.data))],
      })
      .expect(200);
    const outputs = body.outputs as {
      name: string;
      datatype: string;
      shape: number[];
      data: unknown[];
    }[];
    const described = outputs.map((o) => [o.name, o.datatype, o.shape]);
    if (task === 'regression') {
      expect(described).toEqual([['value', 'FP32', [ROWS]]]);
      expect(outputs[0].data).toEqual(Array.from(direct));
      return;
    }
    const probabilities = task === 'binary' ? 'probability' : 'probabilities';
    const shape = task === 'binary' ? [ROWS] : [ROWS, width];
    expect(described).toEqual([
      [probabilities, 'FP32', shape],
      ['label', 'BYTES', [ROWS]],
    ]);
    expect(outputs[0].data).toEqual(Array.from(direct));
    const predicted = await server.http.post('/predict').send({ instances }).expect(200);
    expect(outputs[1].data).toEqual(
      (predicted.body.predictions as ClassAnswer[]).map((p) => p.label),
    );
  });

  it('answers V2 infer with one input per CSV column, id and ignored columns included, echoing the ids', async () => {
    const [idColumn] = columnsWithRole('id');
    const columns = Object.keys(instances[0]);
    expect(columns).toEqual(expect.arrayContaining(columnsWithRole('ignore')));
    const inputs = columns.map((name) => ({
      name,
      datatype: 'BYTES',
      shape: [ROWS],
      data: instances.map((row) => row[name]),
    }));
    const { body } = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({ inputs })
      .expect(200);
    expect(body.parameters.ids).toEqual({ [idColumn]: instances.map((row) => row[idColumn]) });
    expect(body.parameters.prediction_ids).toHaveLength(ROWS);
    const first = body.outputs[0] as { data: number[] };
    expect(first.data).toEqual(Array.from(direct));
    // Without the id column there is nothing to echo.
    const { body: bare } = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({ inputs: inputs.filter((input) => input.name !== idColumn) })
      .expect(200);
    expect(bare.parameters).not.toHaveProperty('ids');
  });

  it('answers a row the model scores as NaN with a 422 naming the row, never a 200 with null', async () => {
    // Inputs near the float32 maximum overflow the network's float32 arithmetic.
    const data = [...Array(model.width).fill(0.5), ...Array(model.width).fill(3e38)];
    const response = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({
        inputs: [featureTensor(model, data)],
      })
      .expect(422);
    const expected = task === 'regression' ? 'not a finite number' : 'not a probability in [0, 1]';
    const forClass = task === 'multiclass' ? ` for class "${model.classes[0]}"` : '';
    expect(response.body.error).toMatch(
      new RegExp(
        `^Model ${model.key.name} v1 scored row 1 as (NaN|-?Infinity)${forClass}, ${expected.replace(/[[\]]/g, '\\$&')}`,
      ),
    );
  });

  it('refuses a V2 output another task has, naming the outputs it answers', async () => {
    const asked = task === 'regression' ? 'probability' : 'value';
    const response = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({
        inputs: [featureTensor(model, Array(model.width).fill(0))],
        outputs: [{ name: asked }],
      })
      .expect(400);
    const names =
      task === 'binary'
        ? '"probability", "label"'
        : task === 'multiclass'
          ? '"probabilities", "label"'
          : '"value"';
    expect(response.body.error).toBe(`outputs[0].name must be one of ${names}, got "${asked}".`);
  });

  it('lists its outputs, task and classes in the V2 model metadata', async () => {
    const { body } = await server.http.get(`/v2/models/${model.key.name}`).expect(200);
    const expected = {
      binary: [
        { name: 'probability', datatype: 'FP32', shape: [-1] },
        { name: 'label', datatype: 'BYTES', shape: [-1] },
      ],
      multiclass: [
        { name: 'probabilities', datatype: 'FP32', shape: [-1, model.classes.length] },
        { name: 'label', datatype: 'BYTES', shape: [-1] },
      ],
      regression: [{ name: 'value', datatype: 'FP32', shape: [-1] }],
    }[task];
    expect(body.outputs).toEqual(expected);
    expect(body.parameters).toMatchObject({ task, classes: model.classes });
    expect('threshold' in body.parameters).toBe(task === 'binary');
  });

  it('answers as its OpenAPI document says, which names its classes or its value', async () => {
    const { body: document } = await server.http.get('/openapi.json').expect(200);
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi');
    const validate = ajv.compile({ $ref: 'openapi#/components/schemas/PredictResponse' });
    const one = await server.http.post('/predict').send(instances[0]).expect(200);
    const batch = await server.http.post('/predict').send({ instances }).expect(200);
    for (const answer of [one.body, batch.body]) {
      expect({ answer, errors: validate(answer) ? [] : validate.errors }).toEqual({
        answer,
        errors: [],
      });
    }
    // Another task's answer does not fit this model's document.
    const foreign =
      task === 'regression'
        ? { ...withoutKey(one.body, 'value'), label: 'a', probability: 1, probabilities: { a: 1 } }
        : {
            ...withoutKey(
              withoutKey(withoutKey(one.body, 'label'), 'probability'),
              'probabilities',
            ),
            value: 1,
          };
    expect(validate(foreign)).toBe(false);
    if (task !== 'regression') {
      expect(validate({ ...one.body, label: 'not-a-class' })).toBe(false);
    }
  });
});

// --- helpers ---

// The first rows of the fixture's own training CSV, every value as the file writes it.
async function readTrainingRows(
  dataset: FixtureModel,
  model: ModelVersion,
): Promise<{ csvRows: Record<string, string>[]; targets: string[] }> {
  const workspace = fixtureDir(dataset);
  const params = parse(await readFile(join(workspace, 'params.yaml'), 'utf8')) as {
    data: { path: string };
  };
  const csvRows: Record<string, string>[] = [];
  for await (const { values } of streamCsvRows(join(workspace, params.data.path))) {
    csvRows.push(values);
    if (csvRows.length === ROWS) break;
  }
  return { csvRows, targets: csvRows.map((row) => row[model.metadata.target.column]) };
}

// onnxruntime-node on the bundle's model.onnx, fed the feature spec's transform of the rows.
async function runOnnx(
  model: ModelVersion,
  rows: readonly Record<string, string>[],
): Promise<{ data: Float32Array; width: number }> {
  const features = transformRows(model.featureSpec, rows as never);
  const session = await ort.InferenceSession.create(join(model.dir, 'model.onnx'));
  try {
    const results = await session.run({
      [session.inputNames[0]]: new ort.Tensor('float32', features.data, [rows.length, model.width]),
    });
    const output = results[session.outputNames[0]];
    return { data: output.data as Float32Array, width: Number(output.dims[1] ?? 1) };
  } finally {
    await session.release();
  }
}

// The model's input tensor holding `data`, row-major, as V2 infer takes it.
function featureTensor(model: ModelVersion, data: number[]) {
  const shape = [data.length / model.width, model.width];
  return { name: model.inputName, datatype: 'FP32', shape, data };
}

function withoutKey<T extends Record<string, unknown>>(object: T, key: string): T {
  const { [key]: _removed, ...rest } = object;
  return rest as T;
}
