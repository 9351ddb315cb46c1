/** @jest-environment ../../jest.onnx-environment.js */
// Issue #12: 2,000 valid requests whose category values are 1,000 characters long took the heap
// to 1.9 GB through the prediction log. The log is bounded in bytes; this holds it to that, for
// the churn sample's model and for a model of another shape (loans).
import { buildExampleRow } from '../input/build-example-row.js';
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';
import { exposeGc } from '../../test/expose-gc.js';

const MAX_BYTES = 4 * 1024 * 1024;
const REQUESTS = 2000;
const ROWS = 5;
const CONCURRENCY = 8;

describe.each<FixtureModel>(['churn', 'binary'])('the %s fixture model', (dataset) => {
  let server: TestServer;
  let row: Record<string, unknown>;
  let categorical: string[];

  beforeAll(async () => {
    server = await startTestServer(
      {
        MAX_STRING_LENGTH: '1000',
        PREDICTION_LOG_MAX_BYTES: String(MAX_BYTES),
        DRIFT_WINDOW: '0',
      },
      dataset,
    );
    const model = stableModel(server);
    row = buildExampleRow(model.featureSpec, model.inputSchema);
    categorical = model.featureSpec.columns
      .filter((c) => c.kind === 'categorical')
      .map((c) => c.column);
  });
  afterAll(() => server.close());

  describe('the prediction log under 1,000-character category values', () => {
    it(`stays within PREDICTION_LOG_MAX_BYTES over ${REQUESTS} requests, and so does the heap`, async () => {
      expect(categorical.length).toBeGreaterThan(0);
      const collect = exposeGc();
      collect();
      const heapBefore = process.memoryUsage().heapUsed;
      let sent = 0;
      let maxLogged = 0;
      const worker = async () => {
        while (sent < REQUESTS) {
          const n = sent++;
          // Unique text per row: nothing can be shared between rows, as with real clients.
          const instances = Array.from({ length: ROWS }, (_, i) => ({
            ...row,
            ...Object.fromEntries(
              categorical.map((column) => [column, `${n}-${i}-${column}-`.padEnd(1000, 'q')]),
            ),
          }));
          await server.http.post('/predict').send({ instances }).expect(200);
          if (n % 250 === 0) maxLogged = Math.max(maxLogged, await scrapeLogBytes(server));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const logged = await scrapeLogBytes(server);
      collect();
      const growth = process.memoryUsage().heapUsed - heapBefore;
      const raw = REQUESTS * ROWS * categorical.length * 1000;
      console.log(
        `prediction log: ${logged} bytes held (max seen ${maxLogged}, limit ${MAX_BYTES}) after ${REQUESTS * ROWS} rows carrying ${raw} bytes of text; heap growth ${Math.round(growth / 1024 / 1024)} MiB`,
      );
      expect(Math.max(maxLogged, logged)).toBeLessThanOrEqual(MAX_BYTES);
      expect(logged).toBeGreaterThan(MAX_BYTES / 2);
      // Loose: the log's budget plus the test's own garbage and the runtime's noise, far below
      // the text the requests carried (40 MB), which an unbounded log would keep.
      expect(growth).toBeLessThan(24 * 1024 * 1024);
    });
  });
});

async function scrapeLogBytes(server: TestServer): Promise<number> {
  const text = (await server.http.get('/metrics').expect(200)).text;
  const match = /^modelship_prediction_log_bytes (\d+(?:\.\d+)?)$/m.exec(text);
  if (!match) throw new Error('modelship_prediction_log_bytes is not exported');
  return Number(match[1]);
}
