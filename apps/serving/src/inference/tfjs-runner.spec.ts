import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { fixtureBundleDir, stableModel, startTestServer } from '../../test/serving-fixture.js';
import { buildExampleRow } from '../input/build-example-row.js';

let dir: string;
let tfjsBundle: string;
const servers: TestServer[] = [];

// A copy of a fixture bundle without model.onnx: only tfjs/model.json can serve it.
async function copyWithoutOnnx(dataset: FixtureModel): Promise<string> {
  const bundle = join(dir, `${dataset}-bundle`);
  await cp(fixtureBundleDir(dataset), bundle, { recursive: true });
  await rm(join(bundle, 'model.onnx'));
  const metadataPath = join(bundle, 'metadata.json');
  const metadata = JSON.parse(await readFile(metadataPath, 'utf8'));
  delete metadata.files['model.onnx'];
  await writeFile(metadataPath, JSON.stringify(metadata, null, 2));
  return bundle;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serving-tfjs-'));
  tfjsBundle = await copyWithoutOnnx('churn');
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function start(
  env: Record<string, string> = {},
  dataset: FixtureModel = 'churn',
): Promise<TestServer> {
  const server = await startTestServer(env, dataset);
  servers.push(server);
  return server;
}

describe('a bundle with tfjs/model.json and no model.onnx', () => {
  it.each<FixtureModel>(['churn', 'multiclass'])(
    '(%s) is served by TensorFlow.js with the answers onnxruntime gives for the same rows',
    async (dataset) => {
      const bundle = dataset === 'churn' ? tfjsBundle : await copyWithoutOnnx(dataset);
      const [tfjs, onnx] = await Promise.all([
        start({ MODEL_DIR: bundle }, dataset),
        start({}, dataset),
      ]);
      const model = stableModel(tfjs);
      expect(model.inputName).toBe('features');
      const example = buildExampleRow(model.featureSpec, model.inputSchema);
      // Vary every numeric feature so the rows differ, whatever the dataset's columns are.
      const instances = [0.5, 1, 2].map((factor) =>
        Object.fromEntries(
          Object.entries(example).map(([name, value]) => [
            name,
            typeof value === 'number' ? Math.round(value * factor) : value,
          ]),
        ),
      );
      const [fromTfjs, fromOnnx] = await Promise.all(
        [tfjs, onnx].map(async (server) => {
          const response = await server.http.post('/predict').send({ instances }).expect(200);
          return response.body.predictions as {
            label: string;
            probabilities: Record<string, number>;
          }[];
        }),
      );
      expect(new Set(fromOnnx.map((p) => JSON.stringify(p.probabilities))).size).toBeGreaterThan(1);
      fromTfjs.forEach((prediction, row) => {
        expect(prediction.label).toBe(fromOnnx[row].label);
        for (const name of model.classes) {
          expect(prediction.probabilities[name]).toBeCloseTo(fromOnnx[row].probabilities[name], 5);
        }
      });
    },
  );

  it('is refused when its weights do not match metadata.json', async () => {
    const tampered = join(dir, 'tampered');
    await cp(tfjsBundle, tampered, { recursive: true });
    await appendFile(join(tampered, 'tfjs', 'weights.bin'), Buffer.from([0]));
    const server = await start({ MODEL_DIR: tampered });
    expect(server.ctx.slots.stable).toBeFalsy();
    expect(server.ctx.status.loadError).toContain('tfjs/weights.bin');
    await server.http.get('/health/ready').expect(503);
  });
});
