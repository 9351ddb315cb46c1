/** @jest-environment ../../jest.onnx-environment.js */
import { join } from 'node:path';
import { transformRow } from '@modelship/features';
import * as ort from 'onnxruntime-node';
import { buildExampleRow } from '../input/build-example-row.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';

let server: TestServer;
let row: Record<string, unknown>;

beforeAll(async () => {
  server = await startTestServer();
  const model = stableModel(server);
  row = buildExampleRow(model.featureSpec, model.inputSchema);
});
afterAll(() => server.close());

describe('POST /predict', () => {
  it('answers one object with the class text, its probabilities, prediction id and the model that answered', async () => {
    const response = await server.http.post('/predict').send(row).expect(200);
    const { probability } = response.body as { probability: number };
    expect(response.body).toEqual({
      model: 'churn',
      version: '1',
      variant: 'stable',
      predictionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      // The churn sample writes its target as 0/1: those texts are its class labels.
      label: probability >= stableModel(server).threshold ? '1' : '0',
      probability: expect.any(Number),
      probabilities: { '0': 1 - probability, '1': probability },
    });
    expect(response.headers['x-model-version']).toBe('1');
    expect(response.headers['x-model-variant']).toBe('stable');
  });

  it('scores exactly what onnxruntime-node gives for the transformed rows', async () => {
    const model = stableModel(server);
    const rows = [
      row,
      { ...row, tenure_months: 100, contract_type: 'two-year' },
      { ...row, total_charges: null },
    ];
    const response = await server.http.post('/predict').send({ instances: rows }).expect(200);
    const session = await ort.InferenceSession.create(join(model.dir, 'model.onnx'));
    const expected: number[] = [];
    for (const raw of rows) {
      const input = transformRow(model.featureSpec, raw as never);
      const result = await session.run({
        features: new ort.Tensor('float32', input, [1, input.length]),
      });
      expected.push((result['probability'].data as Float32Array)[0]);
    }
    await session.release();
    const answered = response.body.predictions as { probability: number; label: string }[];
    expect(answered.map((p) => p.probability)).toEqual(expected);
    expect(answered.map((p) => p.label)).toEqual(
      expected.map((p) => model.classes[p >= model.threshold ? 1 : 0]),
    );
    expect(new Set(answered.map((p) => (p as { predictionId?: string }).predictionId)).size).toBe(
      3,
    );
  });

  it('echoes a valid X-Request-Id and makes one up otherwise', async () => {
    const given = await server.http.post('/predict').set('X-Request-Id', 'abc-123').send(row);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await server.http.post('/predict').set('X-Request-Id', 'bad id!').send(row);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    [
      'a missing feature',
      () => withoutKey(row, 'age'),
      'body: Feature `age` is missing; send it (use null for an unknown value).',
    ],
    ['an unknown feature', () => ({ ...row, shoe_size: 42 }), 'body: unknown feature `shoe_size`'],
    [
      'a string where a number belongs',
      () => ({ ...row, age: 'old' }),
      'body: Feature `age` must be a number, got "old" (string).',
    ],
    [
      'a nested object',
      () => ({ ...row, age: { years: 4 } }),
      'body: Feature `age` must be a string, number, boolean or null',
    ],
    [
      'a non-boolean',
      () => ({ ...row, senior_citizen: 'maybe' }),
      'body: Feature `senior_citizen` must be a boolean, got "maybe"',
    ],
    [
      'null in a non-nullable feature',
      () => ({ ...row, age: null }),
      'body: feature `age` must not be null or missing',
    ],
    [
      'a missing-value text in a non-nullable feature',
      () => ({ ...row, age: 'NA' }),
      'body: feature `age` must not be null or missing',
    ],
    [
      'Infinity as text',
      () => ({ ...row, monthly_charges: 'Infinity' }),
      'body: Feature `monthly_charges` must be a finite number, got "Infinity" (string)',
    ],
    [
      'an array body',
      () => [row],
      'The body must be a JSON object of raw features, or {"instances": [...]}; got an array.',
    ],
    [
      'empty instances',
      () => ({ instances: [] }),
      '`instances` must be a non-empty array of objects, got an empty array.',
    ],
    [
      'a field beside instances',
      () => ({ instances: [row], extra: 1 }),
      'Unknown field `extra` beside `instances`',
    ],
    [
      'a non-object instance',
      () => ({ instances: [row, 7] }),
      'instances[1] must be a JSON object of feature values, got a number.',
    ],
    [
      'a bad value in the third instance',
      () => ({ instances: [row, row, { ...row, age: true }] }),
      'instances[2]: Feature `age` must be a number, got true (boolean).',
    ],
  ])('refuses %s with a 400 naming the field', async (_name, body, message) => {
    const response = await server.http.post('/predict').send(body()).expect(400);
    expect(response.body.error).toContain(message);
  });

  it('refuses more instances than MAX_INSTANCES', async () => {
    const limited = await startTestServer({ MAX_INSTANCES: '2' });
    try {
      const response = await limited.http
        .post('/predict')
        .send({ instances: [row, row, row] })
        .expect(400);
      expect(response.body.error).toMatchInlineSnapshot(
        `"\`instances\` has 3 items; the limit is 2 (MAX_INSTANCES). Split the request."`,
      );
    } finally {
      await limited.close();
    }
  });

  it('scores an unknown category as the feature spec says (its <other> bucket) and counts it', async () => {
    await server.http
      .post('/predict')
      .send({ ...row, region: 'atlantis' })
      .expect(200);
    const metrics = await server.http.get('/metrics').expect(200);
    expect(metrics.text).toContain(
      'modelship_unknown_category_total{model="churn",feature="region"} 1',
    );
  });

  it('refuses an unknown category when UNKNOWN_CATEGORIES=reject', async () => {
    const strict = await startTestServer({ UNKNOWN_CATEGORIES: 'reject' });
    try {
      const response = await strict.http
        .post('/predict')
        .send({ ...row, region: 'atlantis' })
        .expect(400);
      expect(response.body.error).toMatchInlineSnapshot(
        `"body: feature \`region\` is "atlantis", not one of the schema's categories ("central", "east", "north", "south", "west")."`,
      );
    } finally {
      await strict.close();
    }
  });
});

function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = object;
  return rest;
}
