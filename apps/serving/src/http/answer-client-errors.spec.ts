import type { TestServer } from '../../test/serving-fixture.js';
import { startTestServer } from '../../test/serving-fixture.js';
import { exchangeRaw, type RawAnswer } from '../../test/raw-http.js';
import { SECURITY_HEADERS } from './security-headers.js';

describe("requests Node's HTTP parser rejects", () => {
  let server: TestServer;
  let ordinary: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    ordinary = (await server.http.get('/no-such-route').expect(404)).headers;
  });
  afterAll(() => server.close());

  const expectApiError = (answer: RawAnswer, status: number, message: RegExp) => {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['connection']).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(message) });
    // The same security headers as every answer Express gives.
    expect(SECURITY_HEADERS.length).toBeGreaterThan(5);
    for (const [name] of SECURITY_HEADERS) {
      expect(answer.headers[name.toLowerCase()]).toBe(ordinary[name.toLowerCase()]);
    }
  };

  it('answers a garbage request line with a 400 JSON error and closes the connection', async () => {
    const answer = await exchangeRaw(server.running.url, 'HELLO THERE\r\n\r\n');
    expectApiError(answer, 400, /^The HTTP request could not be parsed \(HPE_/);
  });

  it('answers conflicting Content-Length and Transfer-Encoding with a 400 JSON error', async () => {
    const answer = await exchangeRaw(
      server.running.url,
      'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
    );
    expectApiError(answer, 400, /could not be parsed/);
  });

  it('answers 20 KB of headers with a 431 JSON error', async () => {
    const answer = await exchangeRaw(
      server.running.url,
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expectApiError(answer, 431, /^The request headers are larger than the server accepts/);
  });

  it('still answers a well-formed request on a new connection afterwards', async () => {
    await server.http.get('/health/live').expect(200);
  });
});
