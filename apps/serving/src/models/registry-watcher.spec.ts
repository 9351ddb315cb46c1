import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import {
  ADMIN_AUTH,
  copyRegistry,
  exampleRow,
  readMetric,
  sendTraffic,
  waitFor,
} from '../../test/rollout-fixture.js';

async function flipByte(path: string): Promise<void> {
  const bytes = await readFile(path);
  bytes[bytes.length >> 1] ^= 0xff;
  await writeFile(path, bytes);
}

describe('watching the registry', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry();
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('hot-swaps a newly promoted version under load without failing a request', async () => {
    const v2 = await copy.registerVersion();
    const server = await copy.startServer();
    const load = sendTraffic(server, 8, (response) => ({
      status: response.status,
      version: response.body.version as string,
    }));
    await waitFor(() => (load.answers.length >= 50 ? true : undefined), 'traffic on v1');
    await copy.registry.promote('churn', v2, 'production');
    const reload = await server.http
      .post('/admin/reload')
      .set('Authorization', ADMIN_AUTH)
      .expect(200);
    expect(reload.body).toEqual({ swapped: true, version: '2' });
    const swappedAt = load.answers.length;
    await sleep(500);
    const answers = await load.stop();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers[0].version).toBe('1');
    expect(answers.slice(swappedAt + 8).every((answer) => answer.version === '2')).toBe(true);
    expect(answers.length - swappedAt).toBeGreaterThan(20);
    expect(await readMetric(server, 'modelship_registry_poll_total{result="swapped"}')).toBe(1);
    expect(await readMetric(server, 'modelship_model_load_total{result="success"}')).toBe(2);
    const metrics = (await server.http.get('/metrics')).text;
    expect(metrics).toContain(
      'modelship_model_info{name="churn",version="2",variant="stable",stage="production"} 1',
    );
    expect(metrics).not.toContain('modelship_model_info{name="churn",version="1"');
  });

  it('polls every REGISTRY_POLL_MS and answers unchanged while the stage stays put', async () => {
    const server = await copy.startServer({ REGISTRY_POLL_MS: '30' });
    await waitFor(
      async () =>
        (await readMetric(server, 'modelship_registry_poll_total{result="unchanged"}')) >= 2
          ? true
          : undefined,
      'two polls',
    );
    const v2 = await copy.registerVersion();
    await copy.registry.promote('churn', v2, 'production');
    await waitFor(
      () => (server.ctx.slots.stable?.key.version === '2' ? true : undefined),
      'the poll to swap in v2',
    );
    await server.http
      .post('/predict')
      .send(exampleRow(server))
      .expect(200)
      .expect('X-Model-Version', '2');
  });

  it('refuses a tampered version, keeps serving v1, and retries it only on an explicit reload', async () => {
    const v2 = await copy.registerVersion();
    const stored = await copy.registry.getVersion('churn', { version: v2 });
    const uploads = join(copy.dir, '.modelship', 'registry', 'models', 'churn', 'uploads');
    await flipByte(join(uploads, stored.uploadId, 'model.onnx'));
    const server = await copy.startServer({ REGISTRY_POLL_MS: '30' });
    await copy.registry.promote('churn', v2, 'production');
    await waitFor(
      async () =>
        (await readMetric(server, 'modelship_registry_poll_total{result="refused"}')) === 1
          ? true
          : undefined,
      'the refusal',
    );
    await sleep(200); // several more polls: the refused version is not fetched again
    expect(await readMetric(server, 'modelship_model_load_total{result="failed"}')).toBe(1);
    expect(await readMetric(server, 'modelship_registry_poll_total{result="refused"}')).toBe(1);
    const answer = await server.http.post('/predict').send(exampleRow(server)).expect(200);
    expect(answer.headers['x-model-version']).toBe('1');
    await server.http.get('/health/ready').expect(200);
    const reload = await server.http
      .post('/admin/reload')
      .set('Authorization', ADMIN_AUTH)
      .expect(200);
    expect(reload.body).toEqual({ swapped: false, version: '1' });
    expect(await readMetric(server, 'modelship_model_load_total{result="failed"}')).toBe(2);
  });
});
