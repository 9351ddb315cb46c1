// Slow clients: SLOW_CLIENTS (1000) half-sent requests against the service in its own process,
// half never finishing their headers and half never finishing their body, while /health/live is
// probed every 20 ms. Prints when the service had closed them all and the probe's latencies,
// next to HEADERS_TIMEOUT_MS (2000 here) and REQUEST_TIMEOUT_MS (4000 here).
// Run: `node --import tsx apps/serving/bench/slow-clients.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import globalSetup from '../test/global-setup.js';
import { openRawSocket, readRawAnswer } from '../test/raw-http.js';
import { fixtureBundleDir } from '../test/serving-fixture.js';
import { startBenchServer } from './start-bench-server.js';

const CLIENTS = Number(process.env['SLOW_CLIENTS'] ?? 1000);
const HEADERS_TIMEOUT_MS = Number(process.env['HEADERS_TIMEOUT_MS'] ?? 2000);
const REQUEST_TIMEOUT_MS = Number(process.env['REQUEST_TIMEOUT_MS'] ?? 4000);

await globalSetup();
const work = await mkdtemp(join(tmpdir(), 'modelship-slow-clients-'));
const server = await startBenchServer(
  join(import.meta.dirname, '..', 'src', 'main.ts'),
  [],
  {
    WORKERS: '1',
    LOG_LEVEL: 'warn',
    MODEL_DIR: fixtureBundleDir(),
    MODEL_CACHE_DIR: join(work, 'cache'),
    FEEDBACK_STORE: `file:${join(work, 'feedback')}`,
    HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  },
  '/health/ready',
);
try {
  const latencies: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const started = performance.now();
      await (await fetch(`${server.url}/health/live`)).text();
      latencies.push(performance.now() - started);
      await sleep(20);
    }
  })();
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      const socket = await openRawSocket(server.url);
      const answer = readRawAnswer(socket, started);
      socket.write(
        index % 2 === 0
          ? 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: applica'
          : 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":',
      );
      return { kind: index % 2 === 0 ? 'headers' : 'body', ...(await answer) };
    }),
  );
  probing = false;
  await probe;
  const last = (kind: string) =>
    Math.round(Math.max(...answers.filter((a) => a.kind === kind).map((a) => a.closedAfterMs)));
  const statuses = [...new Set(answers.map((answer) => answer.status))].join(', ');
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  process.stdout.write(
    `${CLIENTS} half-sent requests: headers never finished closed by ${last('headers')} ms (HEADERS_TIMEOUT_MS ${HEADERS_TIMEOUT_MS}), ` +
      `body never finished closed by ${last('body')} ms (REQUEST_TIMEOUT_MS ${REQUEST_TIMEOUT_MS}); statuses ${statuses}; ` +
      `/health/live meanwhile: ${latencies.length} probes, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
  );
} finally {
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
