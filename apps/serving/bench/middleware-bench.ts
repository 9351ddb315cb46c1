// Each hand-written middleware of the hot path against the well-kept library that could replace
// it, one at a time in an otherwise bare Express app answering a small JSON POST over a real
// socket: requests per second, best of alternating runs, printed as ratios in one run.
// `node --import tsx apps/serving/bench/middleware-bench.ts`
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import cors from 'cors';
import express from 'express';
import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import getRawBody from 'raw-body';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { allowCors } from '../src/http/allow-cors.js';
import { createRateLimiter, limitRequestRate } from '../src/http/limit-request-rate.js';
import { readJsonBody } from '../src/http/read-json-body.js';
import { trackRequests } from '../src/http/request-context.js';
import { createServingMetrics } from '../src/monitoring/serving-metrics.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 3);
const ORIGIN = 'https://app.example';
const BODY = JSON.stringify(
  Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i * 1.5])),
);
const logger = pino({ level: 'info' }, pino.destination('/dev/null'));
const metrics = createServingMetrics();

// A plain express.json()-free body reader built on raw-body, as the library candidate.
const rawBodyReader: RequestHandler = (req, _res, next) => {
  getRawBody(req, { limit: 1 << 20, encoding: 'utf8' }).then((text) => {
    req.body = JSON.parse(text) as unknown;
    next();
  }, next);
};
const limiter = new RateLimiterMemory({ points: 1e9, duration: 1 });
const rateLimiterFlexible: RequestHandler = (req, _res, next) => {
  limiter.consume(req.ip ?? 'unknown').then(() => next(), next);
};

const pairs: [string, [string, RequestHandler[]], [string, RequestHandler[]]][] = [
  [
    'request ids + one log line',
    ['trackRequests (today)', [trackRequests(logger)]],
    ['pino-http', [pinoHttp({ logger, quietReqLogger: true })]],
  ],
  [
    'CORS for a listed origin',
    ['allowCors (today)', [allowCors([ORIGIN])]],
    ['cors', [cors({ origin: [ORIGIN], maxAge: 600 })]],
  ],
  [
    'rate limit, never reached',
    [
      'limitRequestRate (today)',
      [limitRequestRate(createRateLimiter({ rps: 1e9, burst: 1e9 }, metrics))],
    ],
    ['rate-limiter-flexible', [rateLimiterFlexible]],
  ],
  [
    'JSON body reader',
    ['readJsonBody (today)', [readJsonBody(1 << 20)]],
    ['raw-body + JSON.parse', [rawBodyReader]],
  ],
];

async function main(): Promise<void> {
  for (const [concern, [nameA, a], [nameB, b]] of pairs) {
    const best = { a: 0, b: 0 };
    // Alternating runs (A B B A), so neither side always runs first on a noisy machine.
    for (const side of ['a', 'b', 'b', 'a'] as const) {
      best[side] = Math.max(best[side], await measure(side === 'a' ? a : b));
    }
    process.stdout.write(
      `${concern}\n  ${nameA.padEnd(26)} ${best.a.toFixed(0).padStart(6)} req/s  1.00x\n` +
        `  ${nameB.padEnd(26)} ${best.b.toFixed(0).padStart(6)} req/s  ${(best.b / best.a).toFixed(2)}x\n`,
    );
  }
}

async function measure(middleware: RequestHandler[]): Promise<number> {
  const app = express();
  app.post('/predict', ...middleware, (req, res) => {
    res.json({ ok: req.body !== undefined });
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/predict`,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: BODY,
      connections: 16,
      duration: SECONDS,
    });
    if (result.non2xx + result.errors > 0) throw new Error('the bench app answered errors');
    return result.requests.average;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

await main();
