/** @jest-environment ../../jest.onnx-environment.js */
// Fuzz test: thousands of random and mutated requests over a real socket against a real model.
// Whatever arrives, the service answers 4xx with {"error": string} (or 2xx), never 5xx, and stays
// healthy on the same inference workers. Seeded: a failure prints the seed and request to replay.
import { Agent, request } from 'node:http';
import { buildExampleRow } from '../src/input/build-example-row.js';
import type { TestServer } from './serving-fixture.js';
import { stableModel, startTestServer } from './serving-fixture.js';
import type { FuzzRequest } from './fuzz-requests.js';
import { createRandom, describeRequest, generateRequest, get, post } from './fuzz-requests.js';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_250_101);
const REQUESTS = Number(process.env['FUZZ_REQUESTS'] ?? 3000);
const CONCURRENCY = 8;
const BODY_LIMIT = 64 * 1024;

let server: TestServer;
let row: Record<string, unknown>;
let agent: Agent;

beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT: String(BODY_LIMIT), MAX_INSTANCES: '50' });
  const model = stableModel(server);
  row = buildExampleRow(model.featureSpec, model.inputSchema);
  agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

describe('fuzzing the HTTP API', () => {
  it(`answers ${REQUESTS} random and mutated requests without a 5xx, a non-JSON error or a crash`, async () => {
    const model = stableModel(server);
    const threads = [...model.threadIds];
    const random = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () =>
      generateRequest(random, {
        row,
        width: model.width,
        inputName: model.inputName,
        bodyLimit: BODY_LIMIT,
      }),
    );
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const fuzz = requests[next++];
        const { status, body } = await send(fuzz);
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        const problem = checkAnswer(fuzz, status, body);
        if (problem)
          failures.push(`${problem}: ${describeRequest(fuzz)} -> ${status} ${body.slice(0, 200)}`);
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const counts = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    console.log(
      `fuzz seed ${SEED}: ${REQUESTS} requests in ${Date.now() - started} ms; by status ${counts.join(', ')}`,
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(await send(get('/health/ready'))).toMatchObject({ status: 200 });
    const answer = await send(post('valid', '/predict', row));
    expect(answer.status).toBe(200);
    expect(stableModel(server)).toBe(model);
    expect(model.threadIds).toEqual(threads);
  });
});

// --- sending and checking ---

function send(fuzz: FuzzRequest): Promise<{ status: number; body: string }> {
  const url = new URL(server.running.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: fuzz.method,
        path: fuzz.path,
        headers: fuzz.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer 413 and close before reading a lying or oversized body.
    req.on('error', (error: NodeJS.ErrnoException) =>
      ['EPIPE', 'ECONNRESET'].includes(error.code ?? '')
        ? resolve({ status: 413, body: '{"error":"(closed)"}' })
        : reject(error),
    );
    req.end(fuzz.body);
  });
}

function checkAnswer(fuzz: FuzzRequest, status: number, body: string): string | null {
  if (status >= 500) return 'a 5xx';
  if (status < 400 || fuzz.method === 'HEAD') return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    const error = (parsed as { error?: unknown } | null)?.error;
    return typeof error === 'string' && error !== '' ? null : 'a 4xx without {"error": string}';
  } catch {
    return 'a 4xx whose body is not JSON';
  }
}
