/** @jest-environment ../../jest.onnx-environment.js */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSchema, ReferenceStats } from '@modelship/data-validation';
import { computeReferenceStats, streamCsvRows } from '@modelship/data-validation';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, finalizeBundle } from '@modelship/model-bundle';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { TestServer } from '../../test/serving-fixture.js';
import {
  fixtureBundleDir,
  fixtureDir,
  stableModel,
  startTestServer,
} from '../../test/serving-fixture.js';

// Prediction drift on the real churn model: its bundle gets a `prediction` reference made from
// the model's own answers on the fixture's rows (the same summary as the features), or none.
const WINDOW = 600;
let root: string;
let rows: Record<string, unknown>[];
let withReference: TestServer;
let withoutReference: TestServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'prediction-drift-'));
  const scorer = await startTestServer({ DRIFT_WINDOW: '0' });
  const model = stableModel(scorer);
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  rows = [];
  for await (const record of streamCsvRows(join(fixtureDir(), 'data', 'churn.csv'))) {
    rows.push(Object.fromEntries(Object.entries(record.values).filter(([k]) => inputs.has(k))));
    if (rows.length === WINDOW) break;
  }
  const probabilities: number[] = [];
  for (let start = 0; start < rows.length; start += 200) {
    const { body } = await scorer.http
      .post('/predict')
      .send({ instances: rows.slice(start, start + 200) })
      .expect(200);
    for (const answer of body.predictions as { probability: number }[]) {
      probabilities.push(answer.probability);
    }
  }
  await scorer.close();
  const schema = {
    columns: [{ name: 'prediction', type: 'number', role: 'feature' }],
  } as unknown as DatasetSchema;
  const stats = await computeReferenceStats(
    probabilities.map((prediction) => ({ prediction })),
    schema,
  );
  const withDir = await copyBundle('with', (reference) => ({
    ...reference,
    prediction: stats.features[0],
  }));
  const withoutDir = await copyBundle(
    'without',
    ({ prediction: _none, ...reference }) => reference,
  );
  withReference = await startTestServer({ MODEL_DIR: withDir, DRIFT_WINDOW: String(WINDOW) });
  withoutReference = await startTestServer({ MODEL_DIR: withoutDir, DRIFT_WINDOW: String(WINDOW) });
});
afterAll(async () => {
  await withReference?.close();
  await withoutReference?.close();
  await rm(root, { recursive: true, force: true });
});

async function copyBundle(
  name: string,
  edit: (reference: ReferenceStats) => ReferenceStats,
): Promise<string> {
  const dir = join(root, name);
  await cp(fixtureBundleDir(), dir, { recursive: true });
  const path = join(dir, BUNDLE_FILES.referenceStats);
  const reference = JSON.parse(await readFile(path, 'utf8')) as ReferenceStats;
  await writeFile(path, JSON.stringify(edit(reference)));
  const { files: _files, ...metadata } = JSON.parse(
    await readFile(join(dir, 'metadata.json'), 'utf8'),
  ) as BundleMetadata;
  await finalizeBundle(dir, metadata);
  return dir;
}

async function send(server: TestServer, batch: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < batch.length; start += 200) {
    await server.http
      .post('/predict')
      .send({ instances: batch.slice(start, start + 200) })
      .expect(200);
  }
  await server.ctx.monitor.drift.settled();
}

async function scrapePsi(server: TestServer): Promise<number | undefined> {
  const text = (await server.http.get('/metrics').expect(200)).text;
  const match = /^modelship_prediction_drift_psi\{model="churn",version="[^"]+"\} (\S+)$/m.exec(
    text,
  );
  return match ? Number(match[1]) : undefined;
}

describe('GET /drift: prediction drift', () => {
  it("shows no drift while the model answers as it did on the reference's rows", async () => {
    await send(withReference, rows);
    const { body } = await withReference.http.get('/drift').expect(200);
    expect(body.models[0].prediction).toEqual({
      windowRows: WINDOW,
      drift: expect.objectContaining({
        name: 'prediction',
        kind: 'numeric',
        count: WINDOW,
        test: expect.objectContaining({ name: 'ks' }),
      }),
    });
    expect(body.models[0].prediction.drift.psi).toBeLessThan(0.1);
    expect(await scrapePsi(withReference)).toBeLessThan(0.1);
  });

  it('raises the PSI above 0.25 when every answer is the same (traffic of one kind of row)', async () => {
    await send(
      withReference,
      rows.map(() => rows[0]),
    );
    const { body } = await withReference.http.get('/drift').expect(200);
    expect(body.models[0].prediction.drift).toMatchObject({ status: 'alert', count: WINDOW });
    expect(body.models[0].prediction.drift.psi).toBeGreaterThan(0.25);
    expect(await scrapePsi(withReference)).toBeGreaterThan(0.25);
  });

  it('says why there is none for a bundle without a prediction reference, and exports no gauge', async () => {
    await send(withoutReference, rows);
    const { body } = await withoutReference.http.get('/drift').expect(200);
    expect(body.models[0].windowRows).toBe(WINDOW);
    expect(body.models[0].prediction).toEqual({
      windowRows: 0,
      drift: null,
      unavailable: expect.stringMatching(/no `prediction` reference.*retrain/),
    });
    expect(await scrapePsi(withoutReference)).toBeUndefined();
  });
});
