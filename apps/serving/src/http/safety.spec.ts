/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import supertest from 'supertest';
import { loadServingConfig } from '../config/serving-config.js';
import { createServingContext } from '../create-serving-context.js';
import { buildExampleRow } from '../input/build-example-row.js';
import { loadServedModel } from '../models/load-served-model.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { fixtureDir, stableModel, startTestServer, testEnv } from '../../test/serving-fixture.js';
import { startServer } from './start-server.js';

const ALLOWED = 'https://app.example.com';

describe('rate limiting and CORS (RATE_LIMIT_RPS=2, RATE_LIMIT_BURST=3, CORS_ORIGINS set)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      RATE_LIMIT_RPS: '2',
      RATE_LIMIT_BURST: '3',
      CORS_ORIGINS: `${ALLOWED}, http://localhost:3000`,
    });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After and a JSON error past the burst, then refills', async () => {
    // Sent at once, so the bucket cannot refill in between even on a slow machine.
    const responses = await Promise.all(Array.from({ length: 5 }, () => server.http.get('/v2')));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = responses.find((response) => response.status === 429);
    expect(limited?.headers['retry-after']).toBe('1');
    expect(limited?.body.error).toMatch(
      /Too many requests from this client: the limit is 2 per second/,
    );
    // Probes and scrapes are never limited.
    await server.http.get('/health/live').expect(200);
    const metrics = await server.http.get('/metrics').expect(200);
    expect(metrics.text).toContain('modelship_requests_rejected_total{reason="rate_limited"} 2');
    await sleep(600);
    await server.http.get('/v2').expect(200);
  });

  it('answers a preflight from a listed origin with 204 and the CORS headers', async () => {
    await sleep(1600); // a full bucket again
    const response = await server.http
      .options('/predict')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type, x-request-id')
      .expect(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': 'GET, POST, DELETE',
      'access-control-allow-headers': 'content-type, x-request-id',
    });
    const simple = await server.http.get('/health/live').set('Origin', 'http://localhost:3000');
    expect(simple.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(simple.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('gives an unlisted origin no CORS headers at all', async () => {
    const preflight = await server.http
      .options('/predict')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    const simple = await server.http.get('/health/live').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('defaults: no CORS, request ids, and logs without feature values', () => {
  let lines: string[];
  let http: ReturnType<typeof supertest>;
  let close: () => Promise<void>;
  let row: Record<string, unknown>;
  let storeDir: string;

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'safety-feedback-'));
    lines = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadServingConfig(
      testEnv({ LOG_LEVEL: 'info', FEEDBACK_STORE: `file:${storeDir}` }),
      fixtureDir(),
    );
    const ctx = createServingContext(config, pino({ level: 'info' }, sink));
    const running = await startServer(ctx);
    await loadServedModel(ctx);
    const model = stableModel({ ctx } as TestServer);
    row = buildExampleRow(model.featureSpec, model.inputSchema);
    http = supertest(running.url);
    close = running.shutdown;
  });
  afterAll(async () => {
    await close();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('sends no CORS headers to any origin, and answers preflights with a JSON error', async () => {
    const preflight = await http
      .options('/predict')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).toBe(405);
    expect(preflight.body.error).toEqual(expect.any(String));
  });

  it('returns the request id in X-Request-Id and logs it, but never a feature value', async () => {
    // A distinctive value in every feature: text columns get a marker, numbers an odd value.
    const marked = Object.fromEntries(
      Object.entries(row).map(([name, value]) => [
        name,
        typeof value === 'number'
          ? 987654.321
          : typeof value === 'string'
            ? 'zz-marker-7f3a'
            : value,
      ]),
    );
    const ok = await http.post('/predict').set('X-Request-Id', 'req-log-1').send(marked);
    expect(ok.status).toBe(200);
    expect(ok.headers['x-request-id']).toBe('req-log-1');
    const bad = await http.post('/predict').send({ ...marked, unknown_zz: 'zz-marker-7f3a' });
    expect(bad.status).toBe(400);
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await http.post('/feedback').send({ predictionId: ok.body.predictionId, label: 1 });
    await sleep(50);
    const log = lines.join('');
    expect(log).toContain('"reqId":"req-log-1"');
    expect(log).not.toContain('zz-marker-7f3a');
    expect(log).not.toContain('987654');
  });
});
