/** @jest-environment ../../jest.onnx-environment.js */
// POST /feedback, GET /feedback/summary and the live gauges over HTTP for a model of each task,
// trained on generated datasets (loans, tickets, listings: other names and types than the
// sample, an id and an ignored column, missing values). Labels are the datasets' own truths.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeClassMetrics } from '@modelship/core';
import { streamCsvRows } from '@modelship/data-validation';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import {
  FIXTURE_MODELS,
  fixtureDir,
  stableModel,
  startTestServer,
} from '../../test/serving-fixture.js';

const ROWS = 60;

interface Case {
  server: TestServer;
  storeDir: string;
  name: string;
  target: string;
  classes: readonly string[];
  instances: Record<string, unknown>[];
  truths: string[];
}

async function start(dataset: FixtureModel): Promise<Case> {
  const storeDir = await mkdtemp(join(tmpdir(), `feedback-${dataset}-`));
  const server = await startTestServer(
    { FEEDBACK_STORE: `file:${storeDir}`, FEEDBACK_WINDOW: String(ROWS) },
    dataset,
  );
  try {
    return { server, storeDir, ...(await readCase(server, dataset)) };
  } catch (error) {
    // A model that did not load must not leave the server holding the test run open.
    await server.close();
    throw error;
  }
}

async function readCase(server: TestServer, dataset: FixtureModel) {
  const model = stableModel(server);
  const name = FIXTURE_MODELS[dataset];
  const target = model.metadata.target.column;
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  const instances: Record<string, unknown>[] = [];
  const truths: string[] = [];
  for await (const { values } of streamCsvRows(join(fixtureDir(dataset), 'data', `${name}.csv`))) {
    const truth = values[target];
    if (truth === undefined || truth === '') continue;
    instances.push(Object.fromEntries(Object.entries(values).filter(([k]) => inputs.has(k))));
    truths.push(truth);
    if (instances.length === ROWS) break;
  }
  return { name, target, classes: model.classes, instances, truths };
}

async function stop(c: Case | undefined): Promise<void> {
  if (!c) return;
  await c.server.close();
  await rm(c.storeDir, { recursive: true, force: true });
}

async function readStore(c: Case): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(c.storeDir, `${c.name}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function gauge(c: Case, metric: string): Promise<number | undefined> {
  const text = (await c.server.http.get('/metrics').expect(200)).text;
  const labels = `\\{model="${c.name}",version="1",variant="stable"\\}`;
  const match = new RegExp(`^${metric}${labels} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

interface ClassAnswer {
  predictionId: string;
  label: string;
  probability: number;
}

describe.each<FixtureModel>(['binary', 'multiclass'])('feedback for a %s model', (dataset) => {
  let c: Case;
  beforeAll(async () => {
    c = await start(dataset);
  });
  afterAll(() => stop(c));

  it('joins the true class texts, stores them in the task form, and exports accuracy and macro F1', async () => {
    const { body } = await c.server.http
      .post('/predict')
      .send({ instances: c.instances })
      .expect(200);
    const answers = body.predictions as ClassAnswer[];
    const feedback = answers.map((a, i) => ({ predictionId: a.predictionId, label: c.truths[i] }));
    const result = await c.server.http.post('/feedback').send({ feedback }).expect(200);
    expect(result.body.counts).toEqual({
      joined: ROWS,
      duplicate: 0,
      unknown_prediction: 0,
      invalid: 0,
    });

    const records = await readStore(c);
    const binary = dataset === 'binary';
    expect(records).toHaveLength(ROWS);
    records.forEach((record, i) => {
      const predicted = binary ? c.classes.indexOf(answers[i].label) : answers[i].label;
      const label = binary ? c.classes.indexOf(c.truths[i]) : c.truths[i];
      expect(record).toMatchObject({
        predictionId: answers[i].predictionId,
        model: c.name,
        predicted,
        label,
        probability: expect.closeTo(answers[i].probability, 6),
      });
      expect(record['task']).toBe(binary ? undefined : 'multiclass');
    });

    const counts = c.classes.map(() => c.classes.map(() => 0));
    answers.forEach((a, i) => {
      counts[c.classes.indexOf(c.truths[i])][c.classes.indexOf(a.label)] += 1;
    });
    const expected = computeClassMetrics(counts);
    const summary = (await c.server.http.get('/feedback/summary').expect(200)).body;
    expect(summary.models).toEqual([
      expect.objectContaining({
        model: c.name,
        task: dataset,
        labelledRows: ROWS,
        accuracy: expect.closeTo(expected.accuracy, 12),
        macroF1: expect.closeTo(expected.macroF1, 12),
        mae: null,
        rmse: null,
      }),
    ]);
    expect(await gauge(c, 'modelship_live_accuracy')).toBeCloseTo(expected.accuracy, 9);
    expect(await gauge(c, 'modelship_live_macro_f1')).toBeCloseTo(expected.macroF1, 9);
    expect(await gauge(c, 'modelship_live_labelled_rows')).toBe(ROWS);
    expect(await gauge(c, 'modelship_live_mae')).toBeUndefined();
    if (binary) expect(await gauge(c, 'modelship_live_roc_auc')).toEqual(expect.any(Number));
    else expect(await gauge(c, 'modelship_live_roc_auc')).toBeUndefined();
  });

  it('answers 400 for a class the model does not know, naming it and every class', async () => {
    const { body } = await c.server.http
      .post('/predict')
      .send({ instances: [c.instances[0]] })
      .expect(200);
    const [answer] = body.predictions as ClassAnswer[];
    const refused = await c.server.http
      .post('/feedback')
      .send({ predictionId: answer.predictionId, label: 'no-such-class' })
      .expect(400);
    expect(refused.body.error).toContain(`body.label "no-such-class" is not a class of version 1`);
    for (const known of c.classes) expect(refused.body.error).toContain(JSON.stringify(known));
    // In a batch it is one invalid item; the prediction still takes a right label afterwards.
    const batch = await c.server.http
      .post('/feedback')
      .send({ feedback: [{ predictionId: answer.predictionId, label: 'no-such-class' }] })
      .expect(200);
    expect(batch.body.results[0]).toMatchObject({ result: 'invalid', field: 'label' });
    await c.server.http
      .post('/feedback')
      .send({ predictionId: answer.predictionId, label: c.classes[0] })
      .expect(200);
  });
});

describe('feedback for a regression model', () => {
  let c: Case;
  beforeAll(async () => {
    c = await start('regression');
  });
  afterAll(() => stop(c));

  it('joins true values (numbers and numeric texts), stores them, and exports MAE and RMSE', async () => {
    const { body } = await c.server.http
      .post('/predict')
      .send({ instances: c.instances })
      .expect(200);
    const answers = body.predictions as { predictionId: string; value: number }[];
    const truths = c.truths.map(Number);
    // Half the labels as JSON numbers, half as the CSV's own text.
    const feedback = answers.map((a, i) => ({
      predictionId: a.predictionId,
      label: i % 2 === 0 ? truths[i] : c.truths[i],
    }));
    const result = await c.server.http.post('/feedback').send({ feedback }).expect(200);
    expect(result.body.counts.joined).toBe(ROWS);

    const records = await readStore(c);
    records.forEach((record, i) => {
      expect(record).toMatchObject({
        task: 'regression',
        probability: null,
        predicted: expect.closeTo(answers[i].value, 4),
        label: truths[i],
      });
    });
    const errors = answers.map((a, i) => a.value - truths[i]);
    const mae = errors.reduce((sum, e) => sum + Math.abs(e), 0) / ROWS;
    const rmse = Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / ROWS);
    const summary = (await c.server.http.get('/feedback/summary').expect(200)).body;
    expect(summary.models).toEqual([
      expect.objectContaining({
        task: 'regression',
        labelledRows: ROWS,
        accuracy: null,
        macroF1: null,
        rocAuc: null,
      }),
    ]);
    // Relative: the values are prices in euros (hundreds of thousands).
    expect(summary.models[0].mae / mae).toBeCloseTo(1, 6);
    expect(summary.models[0].rmse / rmse).toBeCloseTo(1, 6);
    expect(((await gauge(c, 'modelship_live_mae')) ?? 0) / mae).toBeCloseTo(1, 6);
    expect(((await gauge(c, 'modelship_live_rmse')) ?? 0) / rmse).toBeCloseTo(1, 6);
    expect(await gauge(c, 'modelship_live_accuracy')).toBeUndefined();
  });

  it('answers 400 for a value that is not a number, naming the field and the target', async () => {
    const { body } = await c.server.http
      .post('/predict')
      .send({ instances: [c.instances[0]] })
      .expect(200);
    const [answer] = body.predictions as { predictionId: string }[];
    const { body: refused } = await c.server.http
      .post('/feedback')
      .send({ predictionId: answer.predictionId, label: 'expensive' })
      .expect(400);
    expect(refused.error).toBe(
      `body.label must be a finite number (the true ${c.target}), as version 1 is a regression model; got "expensive".`,
    );
  });
});
