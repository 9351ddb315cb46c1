/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExampleRow } from '../input/build-example-row.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';

let server: TestServer;
let row: Record<string, unknown>;
let storeDir: string;

beforeAll(async () => {
  storeDir = await mkdtemp(join(tmpdir(), 'feedback-routes-'));
  server = await startTestServer({ FEEDBACK_STORE: `file:${storeDir}`, FEEDBACK_WINDOW: '50' });
  const model = stableModel(server);
  row = buildExampleRow(model.featureSpec, model.inputSchema);
});
afterAll(async () => {
  await server.close();
  await rm(storeDir, { recursive: true, force: true });
});

async function predict(instances: Record<string, unknown>[]) {
  const { body } = await server.http.post('/predict').send({ instances }).expect(200);
  return body.predictions as { predictionId: string; label: number; probability: number }[];
}

async function readStore(): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(storeDir, 'churn.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('POST /feedback', () => {
  it('joins a label with its prediction and appends the contract record to the store', async () => {
    const [prediction] = await predict([row]);
    const { body } = await server.http
      .post('/feedback')
      .send({ predictionId: prediction.predictionId, label: true })
      .expect(200);
    expect(body).toEqual({
      predictionId: prediction.predictionId,
      result: 'joined',
      model: 'churn',
      version: '1',
      variant: 'stable',
    });
    const records = await readStore();
    expect(records.at(-1)).toEqual({
      predictionId: prediction.predictionId,
      model: 'churn',
      version: '1',
      variant: 'stable',
      predictedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      labelledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      probability: prediction.probability,
      predicted: Number(prediction.label), // the class texts "0" and "1" are recorded as 0|1
      label: 1,
      features: row,
    });
  });

  it('answers a repeated label as a duplicate and does not append it twice', async () => {
    const [prediction] = await predict([row]);
    const before = (await readStore()).length;
    const send = { predictionId: prediction.predictionId, label: 0 };
    await server.http.post('/feedback').send(send).expect(200);
    const { body } = await server.http.post('/feedback').send(send).expect(200);
    expect(body.result).toBe('duplicate');
    expect(await readStore()).toHaveLength(before + 1);
  });

  it('answers an unknown prediction id with 404 naming it', async () => {
    const { body } = await server.http
      .post('/feedback')
      .send({ predictionId: 'never-issued', label: 1 })
      .expect(404);
    expect(body.error).toMatch(/No prediction with predictionId "never-issued"/);
  });

  it('reports each item of a batch, counting joined, duplicate and unknown ids', async () => {
    const [a, b] = await predict([row, row]);
    const { body } = await server.http
      .post('/feedback')
      .send({
        feedback: [
          { predictionId: a.predictionId, label: 1 },
          { predictionId: 'nope', label: 0 },
          { predictionId: a.predictionId, label: 0 },
          { predictionId: b.predictionId, label: false },
        ],
      })
      .expect(200);
    expect(body.results.map((r: { result: string }) => r.result)).toEqual([
      'joined',
      'unknown_prediction',
      'duplicate',
      'joined',
    ]);
    expect(body.counts).toEqual({ joined: 2, duplicate: 1, unknown_prediction: 1, invalid: 0 });
  });

  it('answers a batch item by item: a bad field is `invalid` naming it, the good items still join', async () => {
    const [a, b] = await predict([row, row]);
    const before = (await readStore()).length;
    const { body } = await server.http
      .post('/feedback')
      .send({
        feedback: [
          { predictionId: a.predictionId, label: 1 },
          { predictionId: 'x'.repeat(500), label: 1 },
          { predictionId: b.predictionId, label: 'yes' },
          { predictionId: b.predictionId, label: 0, note: { deep: [1] } },
        ],
      })
      .expect(200);
    expect(body.results).toEqual([
      expect.objectContaining({ predictionId: a.predictionId, result: 'joined' }),
      {
        predictionId: `${'x'.repeat(40)}...`,
        result: 'invalid',
        error: expect.stringMatching(/^feedback\[1\]\.predictionId must be the non-empty string/),
      },
      {
        predictionId: b.predictionId,
        result: 'invalid',
        error: 'feedback[2].label must be 0, 1, true or false, got "yes".',
      },
      {
        predictionId: b.predictionId,
        result: 'invalid',
        error: expect.stringMatching(/^feedback\[3\]: unknown field `note`/),
      },
    ]);
    expect(body.counts).toEqual({ joined: 1, duplicate: 0, unknown_prediction: 0, invalid: 3 });
    expect(await readStore()).toHaveLength(before + 1);
    // The invalid label did not use up b: a good one joins it later.
    await server.http
      .post('/feedback')
      .send({ predictionId: b.predictionId, label: 0 })
      .expect(200);
  });

  it('never answers 503 for a prediction that could not be scored: it has no id, so 404', async () => {
    const width = stableModel(server).width;
    const inputName = stableModel(server).inputName;
    // Inputs near the float32 maximum overflow the model into NaN: refused, nothing logged.
    const { body } = await server.http
      .post('/v2/models/churn/infer')
      .send({
        inputs: [
          { name: inputName, datatype: 'FP32', shape: [1, width], data: Array(width).fill(3e38) },
        ],
      })
      .expect(422);
    expect(body.parameters).toBeUndefined();
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await server.http
        .post('/feedback')
        .send({ predictionId: 'never-scored', label: 1 })
        .expect(404);
      expect(answer.headers['retry-after']).toBeUndefined();
    }
  });

  it.each([
    [
      'a label that is not 0, 1, true or false',
      { predictionId: 'x', label: 2 },
      /body\.label must be 0, 1, true or false, got 2/,
    ],
    [
      'a label given as text',
      { predictionId: 'x', label: '1' },
      /body\.label must be 0, 1, true or false, got "1"/,
    ],
    [
      'a missing label',
      { predictionId: 'x' },
      /body\.label must be 0, 1, true or false, got nothing/,
    ],
    [
      'a numeric predictionId',
      { predictionId: 7, label: 1 },
      /body\.predictionId must be the non-empty string/,
    ],
    [
      'an over-long predictionId',
      { predictionId: 'x'.repeat(129), label: 1 },
      /a string of 129 characters/,
    ],
    ['an unknown field', { predictionId: 'x', label: 1, score: 3 }, /body: unknown field `score`/],
    ['an empty batch', { feedback: [] }, /`feedback` must be a non-empty array/],
    [
      'a bad item in a batch',
      { feedback: [{ predictionId: 'x', label: 1 }, 5] },
      /feedback\[1\] must be an object/,
    ],
    [
      'a field beside the batch',
      { feedback: [{ predictionId: 'x', label: 1 }], x: 1 },
      /Unknown field `x` beside `feedback`/,
    ],
    ['an array body', [1], /The body must be a JSON object/],
  ])('answers 400 for %s', async (_title, payload, error) => {
    const { body } = await server.http
      .post('/feedback')
      .send(payload as object)
      .expect(400);
    expect(body.error).toMatch(error);
  });

  it('answers 400 for more items than MAX_INSTANCES', async () => {
    const feedback = Array.from({ length: server.config.maxInstances + 1 }, () => ({
      predictionId: 'x',
      label: 1,
    }));
    const { body } = await server.http.post('/feedback').send({ feedback }).expect(400);
    expect(body.error).toMatch(/the limit is 1000 \(MAX_INSTANCES\)/);
  });

  it('gives V2 predictions ids in parameters.prediction_ids that feedback accepts', async () => {
    const inputs = Object.entries(row).map(([name, value]) => ({
      name,
      datatype: typeof value === 'boolean' ? 'BOOL' : typeof value === 'number' ? 'FP64' : 'BYTES',
      shape: [1],
      data: [value],
    }));
    const { body } = await server.http.post('/v2/models/churn/infer').send({ inputs }).expect(200);
    const [id] = body.parameters.prediction_ids as string[];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await server.http.post('/feedback').send({ predictionId: id, label: 1 }).expect(200);
    expect((await readStore()).at(-1)).toMatchObject({ predictionId: id, features: row });
  });
});

describe('live accuracy', () => {
  it('exports accuracy, AUC and labelled rows over the window, and summarises them per version', async () => {
    const predictions = await predict(Array.from({ length: 60 }, () => row));
    // Label every prediction with the opposite of what was predicted: live accuracy 0.
    const feedback = predictions.map((p) => ({ predictionId: p.predictionId, label: 1 - p.label }));
    await server.http.post('/feedback').send({ feedback }).expect(200);
    const { body } = await server.http.get('/feedback/summary').expect(200);
    expect(body.window).toBe(50);
    expect(body.models).toEqual([
      expect.objectContaining({
        model: 'churn',
        version: '1',
        variant: 'stable',
        labelledRows: 50,
        accuracy: 0,
      }),
    ]);
    const metrics = (await server.http.get('/metrics').expect(200)).text;
    const labels = '{model="churn",version="1",variant="stable"}';
    expect(metrics).toContain(`modelship_live_accuracy${labels} 0`);
    expect(metrics).toContain(`modelship_live_labelled_rows${labels} 50`);
    expect(metrics).toMatch(
      /modelship_feedback_total\{model="churn",version="1",variant="stable",result="joined"\} \d+/,
    );
    expect(metrics).toMatch(
      /modelship_feedback_total\{model="unknown",version="unknown",variant="unknown",result="unknown_prediction"\} [1-9]/,
    );
  });
});
