import type { Agent } from 'node:http';
import { request } from 'node:http';
import type { WireRequest } from './fuzz-arbitraries.js';

/** An answer as the client saw it, with how long it took. */
export interface WireAnswer {
  status: number;
  type: string;
  body: string;
  ms: number;
}

/**
 * Sends one request over a real socket and reads the whole answer. A body over `bodyLimit` may
 * be answered 413 and the socket closed before it is all written: that reset counts as the 413.
 */
export function sendWireRequest(
  url: URL,
  agent: Agent,
  wire: WireRequest,
  bodyLimit = Number.POSITIVE_INFINITY,
): Promise<WireAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: wire.method,
        path: wire.path,
        headers: wire.headers,
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString(),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      const closed = ['EPIPE', 'ECONNRESET'].includes(error.code ?? '');
      if (!closed || (wire.body?.length ?? 0) <= bodyLimit) return reject(error);
      const ms = performance.now() - started;
      resolve({ status: 413, type: 'application/json', body: '{"error":"(closed)"}', ms });
    });
    req.end(wire.body);
  });
}

/**
 * What is wrong with an answer, or null: a 5xx, an answer over `maxMs`, a body that is not JSON
 * (except /metrics' text and HEAD's empty body), an error without `{"error": string}`, or a 200
 * whose scores are not finite numbers or whose labels are not class texts.
 */
export function findAnswerProblem(
  wire: WireRequest,
  answer: WireAnswer,
  maxMs: number,
): string | null {
  if (answer.status >= 500) return `a ${answer.status}`;
  if (answer.ms > maxMs) return `an answer after ${Math.round(answer.ms)} ms`;
  if (wire.method === 'HEAD') return null;
  if (answer.status === 200 && wire.path === '/metrics') {
    return answer.type.startsWith('text/plain') ? null : `metrics as ${answer.type}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return 'a body that is not JSON';
  }
  if (answer.status >= 400) {
    const error = (body as { error?: unknown } | null)?.error;
    return typeof error === 'string' && error !== '' ? null : 'an error without {"error": string}';
  }
  return findNonFiniteScore(body);
}

// JSON has no NaN: a non-finite score reaches the wire as null. Scores live in a prediction's
// `probability`, `probabilities` and `value` (the one answer, or each of `predictions`), and in
// V2 FP32 `outputs[].data`; labels are class texts (a prediction's `label`, V2's BYTES `label`).
function findNonFiniteScore(body: unknown): string | null {
  const answer = (body ?? {}) as Prediction & {
    predictions?: Prediction[];
    outputs?: { datatype?: unknown; data?: unknown[] }[];
  };
  const scores: unknown[] = [];
  const labels: unknown[] = [];
  for (const prediction of answer.predictions ?? [answer]) {
    if (!('predictionId' in prediction)) continue;
    if (!('label' in prediction) && !('value' in prediction))
      return 'a prediction without label or value';
    if ('label' in prediction) {
      labels.push(prediction.label);
      scores.push(
        prediction.probability,
        ...Object.values(prediction.probabilities ?? { none: null }),
      );
    }
    if ('value' in prediction) scores.push(prediction.value);
  }
  for (const output of answer.outputs ?? []) {
    (output.datatype === 'BYTES' ? labels : scores).push(...(output.data ?? []));
  }
  const bad = scores.find((score) => typeof score !== 'number' || !Number.isFinite(score));
  if (bad !== undefined) return `a 200 with the score ${String(bad)}`;
  const badLabel = labels.find((label) => typeof label !== 'string' || label === '');
  return badLabel === undefined ? null : `a 200 with the label ${String(badLabel)}`;
}

interface Prediction {
  predictionId?: unknown;
  label?: unknown;
  probability?: unknown;
  probabilities?: Record<string, unknown>;
  value?: unknown;
}
