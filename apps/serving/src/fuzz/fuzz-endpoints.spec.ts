/** @jest-environment ../../jest.onnx-environment.js */
// The property-based fuzz test of issue #12: fast-check generates valid-shaped and hostile
// requests for every public endpoint and the admin API (with a valid token), sent 8 at a time
// over real sockets to the real service and model. Whatever arrives: no 5xx, a JSON body
// (`{"error"}` on errors), finite scores and class-text labels in every 200, no answer slower
// than 1 s; afterwards the same inference workers serve and the heap has not grown beyond the
// prediction log's budget. It runs on the churn sample's model and, shorter, on models of other
// shapes and tasks (loans: binary; tickets: multiclass; listings: regression; each with other
// names and types, an id and an ignored column), and on models imported from a notebook (named
// text, float, double and int64 inputs). Replay a failure with FUZZ_SEED (printed) or widen the
// run with FUZZ_RUNS.
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildExampleRow } from '../input/build-example-row.js';
import type { ImportedFixture } from '../../test/imported-fixtures.js';
import { importedBundleDir } from '../../test/imported-fixtures.js';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';
import { findAnswerProblem, sendWireRequest } from './check-wire-answer.js';
import { wireRequest } from './fuzz-arbitraries.js';
import { exposeGc } from '../../test/expose-gc.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_202);
const CONCURRENCY = 8;
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1250); // x CONCURRENCY = 10,000 requests
// The sample's model takes the full run; the other shape half of it (5,000 requests), the other
// tasks and the imported models a fifth each (2,000 requests). An imported model is served from
// its bundle folder, on the fixture workspace of the dataset it was imported over.
const MODELS: [string, FixtureModel, number, ImportedFixture?][] = [
  ['churn', 'churn', RUNS],
  ['binary', 'binary', Math.ceil(RUNS / 2)],
  ['multiclass', 'multiclass', Math.ceil(RUNS / 5)],
  ['regression', 'regression', Math.ceil(RUNS / 5)],
  ['imported sklearn-pipeline-binary', 'binary', Math.ceil(RUNS / 5), 'sklearn-pipeline-binary'],
  ['imported regressor', 'regression', Math.ceil(RUNS / 5), 'regressor'],
];
const MAX_MS = 1000;
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';
const LOG_BYTES = 8 * 1024 * 1024;
const BODY_LIMIT = 64 * 1024;

describe.each(MODELS)(
  'fuzzing every endpoint of the %s fixture model with fast-check',
  (_label, dataset, runs, imported) => {
    let server: TestServer;
    let storeDir: string;
    let agent: Agent;

    beforeAll(async () => {
      storeDir = await mkdtemp(join(tmpdir(), 'fuzz-feedback-'));
      server = await startTestServer(
        {
          ADMIN_TOKEN,
          MAX_INSTANCES: '50',
          BODY_LIMIT: String(BODY_LIMIT),
          REGISTRY_POLL_MS: '0',
          PREDICTION_LOG_MAX_BYTES: String(LOG_BYTES),
          FEEDBACK_STORE: `file:${storeDir}`,
          ...(imported ? { MODEL_DIR: importedBundleDir(imported) } : {}),
        },
        dataset,
      );
      agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    });
    afterAll(async () => {
      agent.destroy();
      await server.close();
      await rm(storeDir, { recursive: true, force: true });
    });

    it(`answers ${runs * CONCURRENCY} generated requests without a 5xx, a non-JSON body, a non-finite score or a slow answer`, async () => {
      const model = stableModel(server);
      const threads = [...model.threadIds];
      const url = new URL(server.running.url);
      const requests = wireRequest({
        name: model.key.name,
        row: buildExampleRow(model.featureSpec, model.inputSchema),
        width: model.width,
        inputName: model.inputName,
        adminToken: ADMIN_TOKEN,
      });
      const byStatus = new Map<number, number>();
      let sent = 0;
      let slowest = 0;
      const gc = exposeGc();
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(
          fc.array(requests, { minLength: CONCURRENCY, maxLength: CONCURRENCY }),
          async (batch) => {
            const answers = await Promise.all(
              batch.map((wire) => sendWireRequest(url, agent, wire, BODY_LIMIT)),
            );
            answers.forEach((answer, index) => {
              sent += 1;
              slowest = Math.max(slowest, answer.ms);
              byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
              const problem = findAnswerProblem(batch[index], answer, MAX_MS);
              if (problem) {
                const { method, path, body } = batch[index];
                throw new Error(
                  `${problem}: ${method} ${path.slice(0, 80)} ${body?.toString('utf8', 0, 200) ?? ''} -> ${answer.status} ${answer.body.slice(0, 300)}`,
                );
              }
            });
          },
        ),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
      const seconds = (performance.now() - started) / 1000;
      gc();
      const growth = process.memoryUsage().heapUsed - heapBefore;
      const statuses = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
      console.log(
        `fast-check fuzz of ${model.key.name}, seed ${SEED}: ${sent} requests in ${seconds.toFixed(1)} s (slowest ${Math.round(slowest)} ms); by status ${statuses.join(', ')}; heap growth ${Math.round(growth / 1024 / 1024)} MiB`,
      );
      expect(sent).toBeGreaterThanOrEqual(runs * CONCURRENCY);
      expect(byStatus.get(200) ?? 0).toBeGreaterThan(sent / 20);
      expect(model.threadIds).toEqual(threads);
      expect(stableModel(server)).toBe(model);
      // The prediction log's budget plus the runtime's noise; an unbounded log or leak grows past it.
      expect(growth).toBeLessThan(LOG_BYTES + 48 * 1024 * 1024);
      const health = await sendWireRequest(url, agent, {
        method: 'GET',
        path: '/health/ready',
        headers: {},
      });
      expect(health.status).toBe(200);
    });
  },
);
