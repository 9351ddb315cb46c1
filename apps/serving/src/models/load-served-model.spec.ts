import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import { finalizeBundle, readBundleMetadata } from '@modelship/model-bundle';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { copyFixture, fixtureBundleDir, startTestServer } from '../../test/serving-fixture.js';

type Metadata = Omit<BundleMetadata, 'files'>;

async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[bytes.length >> 1] ^= 0xff;
  await writeFile(path, bytes);
}

describe('loading the served model', () => {
  let copy: Awaited<ReturnType<typeof copyFixture>>;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    copy = await copyFixture();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await copy.remove();
  });

  it('loads a verified bundle folder from MODEL_DIR', async () => {
    const server = await startTestServer({ MODEL_DIR: fixtureBundleDir() });
    servers.push(server);
    const { body } = await server.http.get('/health/ready').expect(200);
    expect(body.models).toEqual([
      { name: 'churn', version: 'unregistered', variant: 'stable', stage: 'none' },
    ]);
    const metrics = (await server.http.get('/metrics')).text;
    expect(metrics).toContain('modelship_model_load_total{result="success"} 1');
    expect(metrics).toContain(
      'modelship_model_info{name="churn",version="unregistered",variant="stable",stage="none"} 1',
    );
  });

  it('refuses a bundle whose model.onnx has one byte flipped: not ready, load counted as failed', async () => {
    const dir = join(copy.dir, 'corrupt-bundle');
    await cp(fixtureBundleDir(), dir, { recursive: true });
    await flipByte(join(dir, 'model.onnx'));
    const server = await startTestServer({ MODEL_DIR: dir });
    servers.push(server);
    const ready = await server.http.get('/health/ready').expect(503);
    expect(ready.body.error).toContain('model.onnx has sha256');
    expect((await server.http.get('/metrics')).text).toContain(
      'modelship_model_load_total{result="failed"} 1',
    );
    await server.http.get('/health/live').expect(200);
    const predict = await server.http.post('/predict').send({}).expect(503);
    expect(predict.headers['retry-after']).toBe('1');
    expect(predict.body.error).toBe(
      'No verified model is loaded yet; retry once /health/ready answers 200.',
    );
    await server.http.get('/v2/health/ready').expect(503);
    await server.http.get('/v2/models/churn').expect(503);
  });

  // Each bundle passes verification (every sha256 matches) but cannot answer as its task says.
  it.each<[string, FixtureModel, (metadata: Metadata) => Metadata, string]>([
    [
      'a binary model declared multiclass',
      'churn',
      (m) => ({
        ...m,
        task: 'multiclass',
        target: { column: m.target.column, classes: ['a', 'b', 'c'] },
      }),
      'model.onnx cannot serve as a multiclass model: its output is named `probability`, not `probabilities`; its output has 1 value(s) per row, not 3.',
    ],
    [
      'a three-class model whose metadata lists four classes',
      'multiclass',
      (m) => ({
        ...m,
        target: { column: m.target.column, classes: ['low', 'normal', 'urgent', 'never'] },
      }),
      'model.onnx cannot serve as a multiclass model: its output has 3 value(s) per row, not 4.',
    ],
    [
      'a binary model whose metadata lists three classes',
      'churn',
      (m) => ({
        ...m,
        target: { column: m.target.column, positive: '1', classes: ['0', '1', '2'] },
      }),
      'model.onnx cannot serve as a binary model: metadata.json lists 3 class(es), not [negative, positive].',
    ],
    [
      'a binary model declared regression',
      'churn',
      (m) => ({ ...m, task: 'regression', target: { column: m.target.column } }),
      'model.onnx cannot serve as a regression model: its output is named `probability`, not `value`.',
    ],
  ])(
    'refuses %s, naming what it answers and what was expected',
    async (_title, dataset, edit, error) => {
      const dir = join(copy.dir, `inconsistent-${dataset}-${Math.random().toString(36).slice(2)}`);
      await cp(fixtureBundleDir(dataset), dir, { recursive: true });
      const { files: _files, ...metadata } = await readBundleMetadata(dir);
      await finalizeBundle(dir, edit(metadata));
      const server = await startTestServer({ MODEL_DIR: dir });
      servers.push(server);
      const ready = await server.http.get('/health/ready').expect(503);
      expect(ready.body.error).toContain(`${dir}/${error}`);
      expect((await server.http.get('/metrics')).text).toContain(
        'modelship_model_load_total{result="failed"} 1',
      );
    },
  );

  it('refuses a regression bundle without model.onnx: the target scaling lives there', async () => {
    const dir = join(copy.dir, 'regression-tfjs-only');
    await cp(fixtureBundleDir('regression'), dir, { recursive: true });
    await rm(join(dir, 'model.onnx'));
    const { files, ...metadata } = await readBundleMetadata(dir);
    delete files['model.onnx'];
    await writeFile(join(dir, 'metadata.json'), JSON.stringify({ ...metadata, files }, null, 2));
    const server = await startTestServer({ MODEL_DIR: dir });
    servers.push(server);
    const ready = await server.http.get('/health/ready').expect(503);
    expect(ready.body.error).toContain(
      `${dir}: a regression bundle is served from model.onnx, which holds the target's scaling; this bundle has only tfjs/model.json.`,
    );
  });

  it('refuses a registry version whose stored model.onnx was altered', async () => {
    const uploads = join(copy.dir, '.modelship', 'registry', 'models', 'churn', 'uploads');
    const [upload] = await readdir(uploads);
    await flipByte(join(uploads, upload, 'model.onnx'));
    const server = await startTestServer({
      MODEL_REGISTRY: `file:${join(copy.dir, '.modelship', 'registry')}`,
      MODEL_CACHE_DIR: join(copy.dir, 'cache'),
    });
    servers.push(server);
    const ready = await server.http.get('/health/ready').expect(503);
    expect(ready.body.error).toMatch(/model\.onnx/);
    expect((await server.http.get('/metrics')).text).toContain(
      'modelship_model_load_total{result="failed"} 1',
    );
  });

  it('loads a pinned MODEL_VERSION and refuses one that does not exist', async () => {
    const pinned = await startTestServer({ MODEL_VERSION: '1' });
    servers.push(pinned);
    await pinned.http.get('/v2/models/churn/versions/1/ready').expect(200);
    const missing = await startTestServer({ MODEL_VERSION: '9' });
    servers.push(missing);
    expect((await missing.http.get('/health/ready').expect(503)).body.error).toContain('9');
  });
});
