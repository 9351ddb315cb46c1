import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';
import { buildExampleRow } from '../input/build-example-row.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ BODY_LIMIT: '2kb' });
});
afterAll(() => server.close());

describe('the JSON body reader and the error middleware', () => {
  it.each([
    [
      'no content type',
      undefined,
      undefined,
      415,
      'Content-Type must be application/json, got none.',
    ],
    [
      'text/plain',
      'text/plain',
      '{}',
      415,
      'Content-Type must be application/json, got "text/plain".',
    ],
    [
      'a non-UTF-8 charset',
      'application/json; charset=latin1',
      '{}',
      415,
      'Content-Type must be application/json',
    ],
    [
      'malformed JSON',
      'application/json',
      '{"age": 4',
      400,
      "The body is not valid JSON: Expected ',' or '}' after property value in JSON at position 9.",
    ],
    ['an empty body', 'application/json', '', 400, 'The body is empty; send a JSON object.'],
    [
      'a body over BODY_LIMIT',
      'application/json',
      JSON.stringify({ pad: 'x'.repeat(3000) }),
      413,
      'The body is larger than 2048 bytes (BODY_LIMIT)',
    ],
  ])('answers %s with %#', async (_name, type, body, status, message) => {
    const request = server.http.post('/predict');
    if (type) request.set('Content-Type', type);
    const response = await (body === undefined ? request : request.send(body)).expect(status);
    expect(response.body.error).toContain(message);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('accepts application/json with a UTF-8 charset', async () => {
    const response = await server.http
      .post('/predict')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send('{"unknown": 1}')
      .expect(400);
    expect(response.body.error).toContain('unknown feature `unknown`');
  });

  it('answers an unknown route with 404 and a known path with the wrong method with 405', async () => {
    const missing = await server.http.get('/nope').expect(404);
    expect(missing.body).toEqual({
      error: 'No route for GET /nope; the API is described at /openapi.json.',
    });
    const wrongMethod = await server.http.get('/predict').expect(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(wrongMethod.body.error).toBe('GET is not allowed on /predict; use POST.');
  });

  it('sets security headers and no CORS headers', async () => {
    const response = await server.http.get('/health/live').set('Origin', 'https://evil.example');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it.each([
    [
      'a prediction (the lean lane)',
      () => {
        const model = stableModel(server);
        return server.http
          .post('/predict')
          .send(buildExampleRow(model.featureSpec, model.inputSchema))
          .expect(200);
      },
    ],
    ['a refused prediction', () => server.http.post('/predict').send({ instances: 3 }).expect(400)],
    ['an Express route', () => server.http.get('/health/live')],
    ['a 404', () => server.http.get('/nope')],
  ])("sends an API's security headers, not an HTML page's, on %s", async (_title, send) => {
    const { headers } = await send();
    // OWASP's REST Security Cheat Sheet: not cached, never framed, nothing loaded, HTTPS only.
    expect(headers).toMatchObject({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    for (const htmlOnly of ['x-xss-protection', 'x-download-options', 'origin-agent-cluster']) {
      expect(headers[htmlOnly]).toBeUndefined();
    }
  });

  it('stays healthy after bad input', async () => {
    await server.http
      .post('/predict')
      .set('Content-Type', 'application/json')
      .send('{{{')
      .expect(400);
    await server.http.get('/health/ready').expect(200);
  });

  it.each([
    ['at MAX_JSON_DEPTH', 32, 400, 'unknown feature'],
    ['one level deeper', 33, 400, 'deeper than 32 levels (MAX_JSON_DEPTH), at byte 43'],
  ])('counts nesting %s on the bytes, before parsing', async (_title, levels, status, message) => {
    // {"x": [...]} is one level; the array adds levels - 1 more.
    const body = `{"unknown": ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const response = await server.http
      .post('/predict')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(status);
    expect(response.body.error).toContain(message);
  });

  it('counts depth, not openings: many shallow arrays and objects pass', async () => {
    const body = `{"unknown": [${Array.from({ length: 40 }, () => '[{}]').join(',')}]}`;
    const response = await server.http
      .post('/predict')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(response.body.error).toContain('unknown feature `unknown`');
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const text = `\\"${'[{'.repeat(100)}`;
    const response = await server.http
      .post('/predict')
      .set('Content-Type', 'application/json')
      .send(`{"unknown": "${text}"}`)
      .expect(400);
    expect(response.body.error).toContain('unknown feature `unknown`');
  });
});
