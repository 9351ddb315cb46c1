import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestServer } from '../../test/serving-fixture.js';
import { startTestServer } from '../../test/serving-fixture.js';
import { openRawSocket, readRawAnswer, type RawAnswer } from '../../test/raw-http.js';

const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;
// Node checks the timeouts every HEADERS_TIMEOUT_MS / 4; the rest is a loaded machine's margin.
const SLACK_MS = 500;
const HALF_SENT = 100;

describe('slow clients (HEADERS_TIMEOUT_MS=300, REQUEST_TIMEOUT_MS=600)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      KEEP_ALIVE_TIMEOUT_MS: '5000',
    });
  });
  afterAll(() => server.close());

  it(`closes ${2 * HALF_SENT} half-sent requests in time with a 408, while /health/live answers fast`, async () => {
    const url = server.running.url;
    const open = async (bytes: string) => {
      const socket = await openRawSocket(url);
      const answer = readRawAnswer(socket);
      socket.write(bytes);
      return answer;
    };
    const probing = probeLiveness(url);
    // Headers never finished, and headers whole but a body never finished.
    const headersOnly = Array.from({ length: HALF_SENT }, () =>
      open('POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: applica'),
    );
    const bodyOnly = Array.from({ length: HALF_SENT }, () =>
      open(
        'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
      ),
    );
    const stalledHeaders = await Promise.all(headersOnly);
    const stalledBodies = await Promise.all(bodyOnly);
    const latencies = await probing.stop();

    const expectClosed = (answers: RawAnswer[], limitMs: number) => {
      expect(Math.max(...answers.map((answer) => answer.closedAfterMs))).toBeLessThan(limitMs);
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([408]));
    };
    expectClosed(stalledHeaders, HEADERS_TIMEOUT_MS + SLACK_MS);
    expectClosed(stalledBodies, REQUEST_TIMEOUT_MS + SLACK_MS);
    expect(JSON.parse(stalledBodies[0].body)).toEqual({
      error: expect.stringContaining('REQUEST_TIMEOUT_MS'),
    });
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });

  it('keeps an idle keep-alive connection longer than HEADERS_TIMEOUT_MS (timed per request)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const sockets: Socket[] = [];
      for (let index = 0; index < 2; index++) {
        sockets.push(await getLive(server.running.url, agent));
        await sleep(2 * HEADERS_TIMEOUT_MS);
      }
      expect(sockets[1]).toBe(sockets[0]);
    } finally {
      agent.destroy();
    }
  });
});

// Asks /health/live every 20 ms on fresh connections until stopped; resolves each one's time.
function probeLiveness(url: string): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${url}/health/live`, { headers: { Connection: 'close' } });
      expect(response.status).toBe(200);
      await response.text();
      latencies.push(performance.now() - started);
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

function getLive(url: string, agent: Agent): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health/live`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(req.socket as Socket));
    });
    req.on('error', reject);
    req.end();
  });
}
