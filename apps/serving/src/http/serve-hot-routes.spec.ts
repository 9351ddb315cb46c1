/** @jest-environment ../../jest.onnx-environment.js */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import supertest from 'supertest';
import type { Response } from 'supertest';
import { loadServingConfig } from '../config/serving-config.js';
import { createServingContext } from '../create-serving-context.js';
import { buildExampleRow } from '../input/build-example-row.js';
import { loadServedModel } from '../models/load-served-model.js';
import type { ServingContext } from '../serving-context.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { fixtureDir, stableModel, testEnv } from '../../test/serving-fixture.js';
import { startServer } from './start-server.js';

// The prediction routes are answered by the lean lane; the same request with a query string
// is handed to the Express app. Both must answer alike, byte for byte where nothing varies.
const ALLOWED = 'https://app.example.com';
const VARYING = new Set(['date', 'x-request-id', 'etag']);

interface Service {
  ctx: ServingContext;
  http: ReturnType<typeof supertest>;
  lines: string[];
  close: () => Promise<void>;
}

async function startService(env: Record<string, string>): Promise<Service> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const config = loadServingConfig(testEnv({ LOG_LEVEL: 'info', ...env }), fixtureDir());
  const ctx = createServingContext(config, pino({ level: 'info' }, sink));
  const running = await startServer(ctx);
  await loadServedModel(ctx);
  return { ctx, http: supertest(running.url), lines, close: running.shutdown };
}

// (Only the scrape itself is in flight as /metrics answers.)
// Every header but those that vary per request, with their values.
function stableHeaders(response: Response): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers as Record<string, string>).filter(
      ([name]) => !VARYING.has(name),
    ),
  );
}

function withoutIds(body: Record<string, unknown>): Record<string, unknown> {
  const { predictionId: _id, ...rest } = body;
  if (Array.isArray(rest['predictions'])) {
    rest['predictions'] = (rest['predictions'] as Array<Record<string, unknown>>).map(withoutIds);
  }
  if (rest['parameters']) {
    const { prediction_ids: _ids, ...parameters } = rest['parameters'] as Record<string, unknown>;
    return { ...rest, id: typeof rest['id'], parameters };
  }
  return rest;
}

describe('the lean lane of the prediction routes answers as the Express app does', () => {
  let service: Service;
  let row: Record<string, unknown>;
  let modelName: string;
  beforeAll(async () => {
    service = await startService({
      CORS_ORIGINS: ALLOWED,
      RATE_LIMIT_RPS: '1000',
      RATE_LIMIT_BURST: '1000',
    });
    const model = stableModel({ ctx: service.ctx } as TestServer);
    row = buildExampleRow(model.featureSpec, model.inputSchema);
    modelName = model.key.name;
  });
  afterAll(() => service.close());

  async function both(
    path: string,
    send: (request: supertest.Test) => supertest.Test,
  ): Promise<[Response, Response]> {
    const lean = await send(service.http.post(path));
    const app = await send(service.http.post(`${path}?lane=app`));
    return [lean, app];
  }

  it('a prediction from an allowed origin: same status, headers and answer', async () => {
    const [lean, app] = await both('/predict', (request) =>
      request.set('Origin', ALLOWED).set('X-Request-Id', 'lean-1').send(row),
    );
    expect(lean.status).toBe(200);
    expect(stableHeaders(lean)).toEqual(stableHeaders(app));
    expect(lean.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': ALLOWED,
      vary: 'Origin',
      'x-request-id': 'lean-1',
      'x-model-name': modelName,
      'x-content-type-options': 'nosniff',
    });
    expect(withoutIds(lean.body)).toEqual(withoutIds(app.body));
    expect(lean.body.predictionId).not.toBe(app.body.predictionId);
  });

  it('a batch and a V2 inference: same answers', async () => {
    const [lean, app] = await both('/predict', (request) =>
      request.send({ instances: [row, row] }),
    );
    expect(lean.status).toBe(200);
    expect(lean.body.predictions).toHaveLength(2);
    expect(withoutIds(lean.body)).toEqual(withoutIds(app.body));
    const v2 = {
      inputs: Object.entries(row).map(([name, value]) => ({
        name,
        shape: [1],
        datatype:
          typeof value === 'boolean' ? 'BOOL' : typeof value === 'number' ? 'FP64' : 'BYTES',
        data: [value],
      })),
    };
    const [leanV2, appV2] = await both(`/v2/models/${modelName}/infer`, (request) =>
      request.send(v2),
    );
    expect([leanV2.status, leanV2.body.error]).toEqual([200, undefined]);
    expect(stableHeaders(leanV2)).toEqual(stableHeaders(appV2));
    expect(withoutIds(leanV2.body)).toEqual(withoutIds(appV2.body));
    expect(leanV2.body.id).toBe(leanV2.headers['x-request-id']);
  });

  it.each([
    [
      'an unknown field',
      (r: supertest.Test, row: object) => r.send({ ...row, zz_unknown: 1 }),
      400,
    ],
    [
      'malformed JSON',
      (r: supertest.Test) => r.set('Content-Type', 'application/json').send('{"a":'),
      400,
    ],
    [
      'an empty body',
      (r: supertest.Test) => r.set('Content-Type', 'application/json').send(''),
      400,
    ],
    [
      'another content type',
      (r: supertest.Test) => r.set('Content-Type', 'text/plain').send('a=1'),
      415,
    ],
    [
      'too deep a body',
      (r: supertest.Test) => r.send({ a: JSON.parse('['.repeat(40) + ']'.repeat(40)) }),
      400,
    ],
    [
      'a body over the limit',
      (r: supertest.Test) =>
        r.set('Content-Type', 'application/json').send(`{"a":"${'x'.repeat(2 << 20)}"}`),
      413,
    ],
  ])('%s: the same refusal', async (_name, send, status) => {
    const [lean, app] = await both('/predict', (request) => send(request, row));
    expect(lean.status).toBe(status);
    expect(app.status).toBe(status);
    expect(lean.body).toEqual(app.body);
    expect(lean.body.error).toEqual(expect.any(String));
    expect(stableHeaders(lean)).toEqual(stableHeaders(app));
  });

  it('a model the V2 path names that is not served: the same 404', async () => {
    const [lean, app] = await both('/v2/models/no-such-model/infer', (request) =>
      request.send({ inputs: [] }),
    );
    expect(lean.status).toBe(404);
    expect(lean.body).toEqual(app.body);
  });

  it('counts, times and logs each request as the app does', async () => {
    const before = await service.http.get('/metrics');
    const count = (text: string, status: string): number =>
      Number(
        new RegExp(
          `modelship_http_requests_total\\{route="/predict",method="POST",status="${status}"\\} (\\d+)`,
        ).exec(text)?.[1] ?? 0,
      );
    await service.http.post('/predict').set('X-Request-Id', 'lean-log-1').send(row).expect(200);
    await service.http.post('/predict').send({ zz: 1 }).expect(400);
    const after = await service.http.get('/metrics');
    expect(count(after.text, '200') - count(before.text, '200')).toBe(1);
    expect(count(after.text, '400') - count(before.text, '400')).toBe(1);
    expect(after.text).toContain('modelship_http_requests_in_flight 1');
    const logged = service.lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line['reqId'] === 'lean-log-1');
    expect(logged).toMatchObject({
      msg: 'request',
      method: 'POST',
      route: '/predict',
      status: 200,
    });
    expect(logged?.['ms']).toEqual(expect.any(Number));
  });
});

describe('the lean lane and the app share one rate limit', () => {
  let service: Service;
  let row: Record<string, unknown>;
  beforeAll(async () => {
    service = await startService({ RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '3' });
    const model = stableModel({ ctx: service.ctx } as TestServer);
    row = buildExampleRow(model.featureSpec, model.inputSchema);
  });
  afterAll(() => service.close());

  it('two lean requests and one through the app spend the burst; both lanes then answer 429', async () => {
    await service.http.post('/predict').send(row).expect(200);
    await service.http.post('/predict?lane=app').send(row).expect(200);
    await service.http.post('/predict').send(row).expect(200);
    const lean = await service.http.post('/predict').send(row);
    const app = await service.http.post('/predict?lane=app').send(row);
    expect(lean.status).toBe(429);
    expect(app.status).toBe(429);
    expect(lean.body).toEqual(app.body);
    expect(lean.headers['retry-after']).toEqual(app.headers['retry-after']);
    const metrics = await service.http.get('/metrics');
    expect(metrics.text).toContain('modelship_requests_rejected_total{reason="rate_limited"} 2');
  });
});
