/** @jest-environment ../../jest.onnx-environment.js */
import { join } from 'node:path';
import type { NumericReference, ReferenceStats } from '@modelship/data-validation';
import { streamCsvRows } from '@modelship/data-validation';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { fixtureDir, stableModel, startTestServer } from '../../test/serving-fixture.js';

const WINDOW = 800;
let server: TestServer;
let rows: Record<string, unknown>[];
let shifted: NumericReference;
let unshifted: NumericReference;

// Rows of the fixture's own data, limited to the model's input columns; two numeric features
// picked from the bundle's reference statistics, whatever the dataset calls them.
beforeAll(async () => {
  server = await startTestServer({ DRIFT_WINDOW: String(WINDOW) });
  const model = stableModel(server);
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  const reference = await loadBundleJson<ReferenceStats>(model.dir, BUNDLE_FILES.referenceStats);
  const numeric = reference.features.filter(
    (f): f is NumericReference => f.kind === 'numeric' && f.std > 0 && f.missing === 0,
  );
  [shifted, unshifted] = numeric;
  rows = [];
  for await (const record of streamCsvRows(join(fixtureDir(), 'data', 'churn.csv'))) {
    rows.push(Object.fromEntries(Object.entries(record.values).filter(([k]) => inputs.has(k))));
    if (rows.length === WINDOW) break;
  }
});
afterAll(() => server.close());

async function send(batch: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < batch.length; start += 200) {
    await server.http
      .post('/predict')
      .send({ instances: batch.slice(start, start + 200) })
      .expect(200);
  }
}

function psiIn(body: { models: { features: { name: string; psi: number }[] }[] }, name: string) {
  return body.models[0].features.find((feature) => feature.name === name)?.psi ?? Number.NaN;
}

describe('GET /drift', () => {
  it("shows no drift for the training data's own rows", async () => {
    await send(rows);
    await server.ctx.monitor.drift.settled();
    const { body } = await server.http.get('/drift').expect(200);
    expect(body.models[0]).toMatchObject({ model: 'churn', version: '1', windowRows: WINDOW });
    expect(psiIn(body, shifted.name)).toBeLessThan(0.1);
    expect(psiIn(body, unshifted.name)).toBeLessThan(0.1);
  });

  it("raises a shifted feature's PSI above 0.2 and leaves an unshifted one below 0.1", async () => {
    const step = Math.ceil(4 * shifted.std);
    await send(rows.map((row) => ({ ...row, [shifted.name]: Number(row[shifted.name]) + step })));
    const { body } = await server.http.get('/drift').expect(200);
    expect(body.models[0].windowRows).toBeLessThanOrEqual(WINDOW);
    const feature = body.models[0].features.find((f: { name: string }) => f.name === shifted.name);
    expect(feature).toMatchObject({ kind: 'numeric', test: { name: 'ks' }, status: 'alert' });
    expect(psiIn(body, shifted.name)).toBeGreaterThan(0.2);
    expect(psiIn(body, unshifted.name)).toBeLessThan(0.1);
    const categorical = body.models[0].features.find(
      (f: { kind: string }) => f.kind === 'categorical',
    );
    expect(categorical?.test).toMatchObject({ name: 'chi2', pValue: expect.any(Number) });

    const metrics = (await server.http.get('/metrics').expect(200)).text;
    const psi = (name: string) =>
      Number(
        new RegExp(
          `modelship_feature_drift_psi\\{model="churn",version="1",feature="${name}"\\} (\\S+)`,
        ).exec(metrics)?.[1],
      );
    expect(psi(shifted.name)).toBeGreaterThan(0.2);
    expect(psi(unshifted.name)).toBeLessThan(0.1);
    expect(metrics).toMatch(/modelship_drift_window_rows\{model="churn",version="1"\} [1-9]\d*/);
  });
});
