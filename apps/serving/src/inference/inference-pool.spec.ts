import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TestServer } from '../../test/serving-fixture.js';
import {
  fixtureBundleDir,
  readFixtureFeatureSpec,
  stableModel,
  startTestServer,
} from '../../test/serving-fixture.js';
import { InferencePool } from './inference-pool.js';
import type { WorkerEntry } from './spawn-inference-worker.js';

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
    await server.http.get('/health/live').expect(200); // warm the route and the connection
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
    // Were inference on the event loop, no probe would be answered until every batch was done.
    // One pause (a GC of the large buffers) may happen; the typical probe must take a small
    // share of the time the workers were busy (a bound in milliseconds measured the machine).
    expect(latencies.length).toBeGreaterThan(3);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(busyFor / 10);
    expect(sorted.at(-1)).toBeLessThan(Math.max(500, busyFor / 2));
  });

  it('answers 503 with Retry-After when the queue is full, and recovers', async () => {
    const model = stableModel(server);
    // One long job holds the only worker (about a second of inference) while three one-row jobs
    // fill the queue behind it, so the queue is still full when the request below arrives.
    const longRows = 5 * BIG_BATCH;
    const runs = [
      model.score(new Float32Array(longRows * model.width), longRows),
      ...Array.from({ length: 3 }, () => model.score(new Float32Array(model.width), 1)),
    ];
    expect(model.load.running + model.load.queued).toBe(4);
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
    const metrics = (await server.http.get('/metrics').expect(200)).text;
    expect(metrics).toContain('modelship_requests_rejected_total{reason="queue_full"} 1');
  });
});

describe('a crashed inference worker', () => {
  it('fails the run it was on, reruns the runs handed to it behind that one, and is replaced', async () => {
    const pool = await InferencePool.start({
      modelPath: join(fixtureBundleDir(), 'model.onnx'),
      task: 'binary',
      feedSpec: await readFixtureFeatureSpec(),
      workers: 1,
      worker: crashingWorker(5 * BIG_BATCH),
    });
    try {
      const width = pool.signature.inputWidth ?? 0;
      const [before] = pool.threadIds;
      const crashing = pool.run(new Float32Array(5 * BIG_BATCH * width), 5 * BIG_BATCH);
      const behind = [pool.run(new Float32Array(width), 1), pool.run(new Float32Array(width), 1)];
      // The worker exits on the big run, as a native crash would, with the two behind it handed
      // over or queued.
      await expect(crashing).rejects.toThrow('An inference worker exited with code 1.');
      const results = await Promise.all(behind);
      expect(results.map((result) => result.output.length)).toEqual([1, 1]);
      expect(pool.threadIds[0]).not.toBe(before);
    } finally {
      await pool.close();
    }
  });
});

// A worker that exits on a run of `rows` rows; the seam lives in the test, not the hot path.
function crashingWorker(rows: number): WorkerEntry {
  return {
    url: new URL('../../test/crashing-inference-worker.mjs', import.meta.url),
    data: { crashOnRows: rows },
  };
}
