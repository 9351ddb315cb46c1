import { performance } from 'node:perf_hooks';
import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';

const BIG_BATCH = 200_000;

describe('inference off the event loop', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ WORKERS: '1', MAX_QUEUE: '3' });
  });
  afterAll(() => server.close());

  it('runs each session in a worker thread, not the main thread', () => {
    const ids = stableModel(server).threadIds;
    expect(ids).toHaveLength(1);
    expect(ids.every((id) => id > 0)).toBe(true);
  });

  it('answers /health/live fast while every worker is busy with large batches', async () => {
    const model = stableModel(server);
    const runs = Array.from({ length: 4 }, () =>
      model.score(new Float32Array(BIG_BATCH * model.width), BIG_BATCH),
    );
    const started = performance.now();
    const latencies: number[] = [];
    while (model.load.running > 0 && latencies.length < 50) {
      const t = performance.now();
      await server.http.get('/health/live').expect(200);
      latencies.push(performance.now() - t);
    }
    const busyFor = performance.now() - started;
    await Promise.all(runs);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(Math.max(100, busyFor / 4));
  });

  it('answers 503 with Retry-After when the queue is full, and recovers', async () => {
    const model = stableModel(server);
    const runs = Array.from({ length: 4 }, () =>
      model.score(new Float32Array(BIG_BATCH * model.width), BIG_BATCH),
    );
    const response = await server.http.post('/v2/models/churn/infer').send({
      inputs: [
        {
          name: 'features',
          datatype: 'FP32',
          shape: [1, model.width],
          data: Array(model.width).fill(0),
        },
      ],
    });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.error).toMatchInlineSnapshot(
      `"The inference queue is full (3 requests waiting); retry after a second, or raise MAX_QUEUE or WORKERS."`,
    );
    await Promise.all(runs);
    await server.http.get('/v2/health/ready').expect(200);
  });
});
