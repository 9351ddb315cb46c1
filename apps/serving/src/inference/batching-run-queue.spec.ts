import { createSeededRandom } from '@modelship/core';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TestServer } from '../../test/serving-fixture.js';
import {
  fixtureBundleDir,
  readFixtureFeatureSpec,
  stableModel,
  startTestServer,
} from '../../test/serving-fixture.js';
import { buildExampleRow } from '../input/build-example-row.js';
import type { BatchingOptions, InferenceResult } from './inference-pool.js';
import { InferencePool } from './inference-pool.js';
import { ModelVersion } from '../models/model-version.js';

// About a second of inference on one worker: long enough to hold a worker while a test acts.
const LONG_ROWS = 1_000_000;
const BATCHING: BatchingOptions = {
  maxRows: 64,
  maxDelayMs: 2,
  maxQueueRows: 1024,
  queueTimeoutMs: 60_000,
};

describe('dynamic batching on real onnxruntime sessions', () => {
  const pools: InferencePool[] = [];
  const startPool = async (
    batching: Partial<BatchingOptions> | null,
    workers = 1,
    dataset: 'churn' | 'multiclass' | 'regression' = 'churn',
  ) => {
    const pool = await InferencePool.start({
      modelPath: join(fixtureBundleDir(dataset), 'model.onnx'),
      task: dataset === 'churn' ? 'binary' : dataset,
      feedSpec: await readFixtureFeatureSpec(dataset),
      workers,
      batching: batching && { ...BATCHING, ...batching },
    });
    pools.push(pool);
    return pool;
  };
  const widthOf = (pool: InferencePool): number => pool.signature.inputWidth ?? 0;
  const longRun = (pool: InferencePool) => {
    const run = {
      done: false,
      result: pool.run(new Float32Array(LONG_ROWS * widthOf(pool)), LONG_ROWS),
    };
    void run.result.then(() => (run.done = true));
    return run;
  };
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it('gives each caller the probabilities an unbatched run gives for its own rows', async () => {
    const batched = await startPool({ maxRows: 16, maxDelayMs: 20 });
    const unbatched = await startPool(null);
    const width = widthOf(batched);
    expect(width).toBeGreaterThan(0);
    const random = createSeededRandom(7);
    const callers = Array.from({ length: 40 }, (_, index) => {
      const rows = 1 + (index % 3);
      return { rows, data: Float32Array.from({ length: rows * width }, () => random() * 4 - 2) };
    });
    const results = await Promise.all(
      callers.map(({ data, rows }) => batched.run(data.slice(), rows)),
    );
    for (const [index, { data, rows }] of callers.entries()) {
      const expected = await unbatched.run(data.slice(), rows);
      expect(results[index].output).toHaveLength(rows);
      Array.from(results[index].output).forEach((p, row) =>
        expect(p).toBeCloseTo(expected.output[row], 6),
      );
    }
    expect(Math.max(...results.map((result) => result.batchRows))).toBeGreaterThan(3);
    expect(results.every((result) => result.batchRows <= 16 || result.output.length > 16)).toBe(
      true,
    );
    // One leader per worker run: the leaders' batch sizes add up to every row scored.
    const leaders = results.filter((result) => result.batchLeader);
    expect(leaders.reduce((sum, result) => sum + result.batchRows, 0)).toBe(
      callers.reduce((sum, caller) => sum + caller.rows, 0),
    );
  });

  it.each([
    ['multiclass', 3],
    ['regression', 1],
  ] as const)(
    'gives each %s caller its own rows, %i value(s) each, as an unbatched run does',
    async (dataset, perRow) => {
      const batched = await startPool({ maxRows: 16, maxDelayMs: 20 }, 1, dataset);
      const unbatched = await startPool(null, 1, dataset);
      const width = widthOf(batched);
      const random = createSeededRandom(11);
      const callers = Array.from({ length: 24 }, (_, index) => {
        const rows = 1 + (index % 3);
        return { rows, data: Float32Array.from({ length: rows * width }, () => random() * 4 - 2) };
      });
      const results = await Promise.all(
        callers.map(({ data, rows }) => batched.run(data.slice(), rows)),
      );
      expect(Math.max(...results.map((result) => result.batchRows))).toBeGreaterThan(3);
      for (const [index, { data, rows }] of callers.entries()) {
        const expected = await unbatched.run(data.slice(), rows);
        expect(results[index].output).toHaveLength(rows * perRow);
        // Relative: a price of 400,000 has float32 steps of 0.03.
        Array.from(results[index].output).forEach((value, i) =>
          expect(Math.abs(value - expected.output[i])).toBeLessThanOrEqual(
            1e-5 * Math.max(1, Math.abs(expected.output[i])),
          ),
        );
      }
    },
  );

  it('starts a lone request at once when nothing is running, without waiting for the delay', async () => {
    const pool = await startPool({ maxDelayMs: 5_000 });
    const started = performance.now();
    const result = await pool.run(new Float32Array(widthOf(pool)), 1);
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(result.batchRows).toBe(1);
  });

  it('holds a request back for the delay while another run is busy, then starts it', async () => {
    const pool = await startPool({ maxDelayMs: 150 }, 2);
    const long = longRun(pool);
    const started = performance.now();
    const result = await pool.run(new Float32Array(widthOf(pool)), 1);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(145);
    expect(result.queueSeconds).toBeGreaterThanOrEqual(0.145);
    expect(long.done).toBe(false);
    await long.result;
  });

  it('starts a batch as soon as it holds BATCH_MAX_ROWS rows', async () => {
    const pool = await startPool({ maxRows: 4, maxDelayMs: 30_000 }, 2);
    const long = longRun(pool);
    const results: InferenceResult[] = await Promise.all(
      Array.from({ length: 4 }, () => pool.run(new Float32Array(widthOf(pool)), 1)),
    );
    expect(results.map((result) => result.batchRows)).toEqual([4, 4, 4, 4]);
    expect(long.done).toBe(false);
    await long.result;
  });
});

describe('the batching queue over HTTP', () => {
  let server: TestServer;
  afterEach(() => server.close());

  const predictOne = () => {
    const model = stableModel(server);
    return server.http.post('/predict').send(buildExampleRow(model.featureSpec, model.inputSchema));
  };
  const holdWorker = () => {
    const model = stableModel(server);
    return model.score(new Float32Array(LONG_ROWS * model.width), LONG_ROWS);
  };
  const rejected = async (reason: string) => {
    const text = (await server.http.get('/metrics').expect(200)).text;
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`modelship_requests_rejected_total{reason="${reason}"}`));
    return Number(line?.split(' ').at(-1) ?? 0);
  };

  it('gathers concurrent /predict requests into runs of more than one row', async () => {
    server = await startTestServer({
      BATCHING: 'on',
      BATCH_MAX_DELAY_MS: '5',
      BATCH_QUEUE_TIMEOUT_MS: '60000',
    });
    // The served model's one worker holds its first run until the gate opens: the other 63
    // requests queue behind it however slowly this machine delivers them.
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const model = await serveGatedModel(server, gate);
    const responses = Promise.all(Array.from({ length: 64 }, () => predictOne()));
    await waitUntil(() => model.load.queued === 63);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    expect((await responses).map((response) => response.status)).toEqual(Array(64).fill(200));
    const text = (await server.http.get('/metrics').expect(200)).text;
    const read = (suffix: string) =>
      Number(
        /\s(\S+)$/.exec(
          text.split('\n').find((l) => l.startsWith(`modelship_inference_batch_rows_${suffix}{`)) ??
            '',
        )?.[1],
      );
    expect(read('sum')).toBe(64);
    expect(read('count')).toBeLessThan(64);
    // The first request alone, then the 63 that waited, in one run.
    expect(read('count')).toBe(2);
  });

  it('answers 503 with Retry-After when BATCH_MAX_QUEUE_ROWS rows are waiting, and counts it', async () => {
    server = await startTestServer({
      BATCHING: 'on',
      BATCH_MAX_QUEUE_ROWS: '3',
      BATCH_QUEUE_TIMEOUT_MS: '60000',
    });
    const model = stableModel(server);
    const held = holdWorker();
    const waiting = Array.from({ length: 3 }, () => model.score(new Float32Array(model.width), 1));
    const response = await predictOne();
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.error).toMatchInlineSnapshot(
      `"The batching queue is full (3 rows waiting, 1 more asked); retry after a second, or raise BATCH_MAX_QUEUE_ROWS or WORKERS."`,
    );
    await Promise.all([held, ...waiting]);
    expect(await rejected('queue_full')).toBe(1);
    await predictOne().expect(200);
  });

  it('answers 503 with Retry-After when a request waits longer than BATCH_QUEUE_TIMEOUT_MS', async () => {
    server = await startTestServer({ BATCHING: 'on', BATCH_QUEUE_TIMEOUT_MS: '100' });
    const held = holdWorker();
    let heldDone = false;
    void held.then(() => (heldDone = true));
    const response = await predictOne();
    expect(heldDone).toBe(false);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.body.error).toMatchInlineSnapshot(
      `"The request waited more than 100 ms (BATCH_QUEUE_TIMEOUT_MS) for an inference worker; retry after a second, or raise WORKERS."`,
    );
    await held;
    expect(await rejected('queue_timeout')).toBe(1);
    await predictOne().expect(200);
  });
});

// Puts a copy of the served model whose worker blocks on `gate` into the stable slot.
async function serveGatedModel(server: TestServer, gate: Int32Array): Promise<ModelVersion> {
  const stable = stableModel(server);
  const { batching, maxQueue } = server.config;
  const pool = await InferencePool.start({
    modelPath: join(stable.dir, 'model.onnx'),
    task: stable.task,
    feedSpec: stable.featureSpec,
    workers: 1,
    maxQueue,
    batching,
    worker: {
      url: new URL('../../test/gated-inference-worker.mjs', import.meta.url),
      data: { gate: gate.buffer },
    },
  });
  const { key, stage, dir, metadata, featureSpec, inputSchema } = stable;
  const gated = new ModelVersion({ key, stage, dir, metadata, featureSpec, inputSchema, pool });
  await server.ctx.slots.set(gated)?.close();
  return gated;
}

async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the queue');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
