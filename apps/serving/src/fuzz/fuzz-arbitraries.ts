// fast-check arbitraries of HTTP requests for the fuzz spec: valid-shaped requests for every
// endpoint, and the hostile ones issue #12 lists (deep nesting, huge shapes, 1e308, objects as
// scalars, long strings, wrong types, missing fields, garbage bytes, wrong content types).
import fc from 'fast-check';
import { hostileValue } from './hostile-value.js';

/** One request as it goes on the wire. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * What the arbitraries build on: one valid row, the model's input tensor, the admin token.
 * Oversized bodies are 70,000 to 90,000 bytes: the service under test runs with BODY_LIMIT=64kb.
 */
export interface FuzzModel {
  /** The served model's name, as V2 paths spell it. */
  name: string;
  row: Record<string, unknown>;
  width: number;
  inputName: string;
  adminToken: string;
}

const json = (method: string, path: string, value: unknown, extra: Record<string, string> = {}) => {
  const body = Buffer.from(JSON.stringify(value) ?? 'null');
  return {
    method,
    path,
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.length),
      ...extra,
    },
    body,
  };
};

const raw = (method: string, path: string, body: Buffer, type?: string): WireRequest => ({
  method,
  path,
  headers: {
    ...(type === undefined ? {} : { 'content-type': type }),
    'content-length': String(body.length),
  },
  body,
});

/** Every request kind, weighted towards the prediction paths. */
export function wireRequest(model: FuzzModel): fc.Arbitrary<WireRequest> {
  const { row, width, inputName } = model;
  const names = Object.keys(row);
  const mutatedRow = fc
    .tuple(fc.constantFrom(...names, 'extra', '__proto__'), hostileValue, fc.boolean())
    .map(([name, value, drop]) => {
      const copy: Record<string, unknown> = { ...row };
      if (drop) delete copy[name];
      else copy[name] = value;
      return copy;
    });
  const instance = fc.oneof({ weight: 3, arbitrary: fc.constant(row) }, mutatedRow, hostileValue);
  const predictBody = fc.oneof(
    { weight: 2, arbitrary: fc.constant(row) },
    { weight: 4, arbitrary: mutatedRow },
    fc.array(instance, { maxLength: 60 }).map((instances) => ({ instances })),
    fc.jsonValue({ maxDepth: 4 }),
  );
  const shape = fc.oneof(
    fc.constantFrom([1, width], [2, width], [1], [0, width], [130_000_000, 0], [1, 2 ** 53 - 1]),
    fc.array(fc.oneof(fc.integer({ min: -3, max: 70 }), hostileValue), { maxLength: 6 }),
  );
  const tensor = fc
    .record({
      name: fc.constantFrom(inputName, names[0], 'x'.repeat(300)),
      datatype: fc.constantFrom('FP32', 'FP64', 'INT64', 'BYTES', 'FP16', 7),
      shape,
      data: fc.oneof(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
          minLength: width,
          maxLength: width,
        }),
        fc.array(hostileValue, { maxLength: 2 * width }),
        hostileValue,
      ),
    })
    .map((input) => ({ inputs: [input] }));
  const columns = fc
    .tuple(fc.constantFrom(...names), hostileValue, fc.constantFrom([1], [1, 1], [2], []))
    .map(([target, value, dims]) => ({
      id: 'fuzz',
      inputs: Object.entries(row).map(([name, v]) => ({
        name,
        datatype: typeof v === 'string' ? 'BYTES' : typeof v === 'boolean' ? 'BOOL' : 'FP64',
        shape: name === target ? dims : [1],
        data: [name === target ? value : v],
      })),
    }));
  const v2Body = fc.oneof(
    tensor,
    columns,
    fc.jsonValue({ maxDepth: 3 }),
    hostileValue.map((parameters) => ({ inputs: [], parameters })),
  );
  const feedbackItem = fc.record(
    {
      predictionId: fc.oneof(fc.uuid(), hostileValue),
      label: fc.oneof(fc.constantFrom(0, 1, true, false), hostileValue),
    },
    { requiredKeys: [] },
  );
  const feedbackBody = fc.oneof(
    feedbackItem,
    fc.array(feedbackItem, { maxLength: 8 }).map((feedback) => ({ feedback })),
    hostileValue,
  );
  const rolloutBody = fc.record(
    {
      strategy: fc.oneof(fc.constantFrom('shadow', 'canary', 'blue_green', 'ab'), hostileValue),
      version: fc.oneof(fc.constantFrom(1, 99, 2 ** 60), hostileValue),
      stage: fc.oneof(fc.constantFrom('staging', 'production', 'archived'), hostileValue),
      steps: fc.oneof(fc.constant([0.1, 0.5, 1]), hostileValue),
      sampleRate: hostileValue,
      keyHeader: hostileValue,
    },
    { requiredKeys: [] },
  );
  const v2Path = fc.constantFrom(
    `/v2/models/${model.name}/infer`,
    `/v2/models/${model.name}/versions/1/infer`,
    '/v2/models/nope/infer',
  );
  const auth = { authorization: `Bearer ${model.adminToken}` };
  const garbage = fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes));
  const deepText = fc
    .integer({ min: 30, max: 20_000 })
    .map((n) => Buffer.from(`{"instances": [${'['.repeat(n)}${']'.repeat(n)}]}`));
  const oversized = fc
    .integer({ min: 70_000, max: 90_000 })
    .map((size) => ({ instances: [row], pad: 'p'.repeat(size) }));
  const jsonPath = fc.constantFrom(
    '/predict',
    '/feedback',
    `/v2/models/${model.name}/infer`,
    '/admin/rollout',
  );
  return fc.oneof(
    { weight: 6, arbitrary: predictBody.map((body) => json('POST', '/predict', body)) },
    {
      weight: 5,
      arbitrary: fc.tuple(v2Path, v2Body).map(([path, body]) => json('POST', path, body)),
    },
    { weight: 2, arbitrary: feedbackBody.map((body) => json('POST', '/feedback', body)) },
    { weight: 2, arbitrary: rolloutBody.map((body) => json('POST', '/admin/rollout', body, auth)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'DELETE', 'HEAD', 'PUT', 'OPTIONS'),
          fc.constantFrom(
            '/admin/rollout',
            '/admin/rollout/promote',
            '/admin/rollout/rollback',
            '/admin/reload',
          ),
          fc.boolean(),
        )
        .map(([method, path, authorized]) => ({ method, path, headers: authorized ? auth : {} })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE'),
          fc.oneof(
            fc.constantFrom(
              '/health/live',
              '/health/ready',
              '/v2',
              '/v2/health/live',
              '/v2/health/ready',
              `/v2/models/${model.name}`,
              `/v2/models/${model.name}/ready`,
              `/v2/models/${model.name}/versions/1`,
              `/v2/models/${model.name}/versions/9/ready`,
              '/metrics',
              '/openapi.json',
              '/feedback/summary',
              '/drift',
              '/%ZZ',
              '/v2/models/%E0%A4%A',
            ),
            fc.webPath({ size: 'small' }).map((path) => (path.startsWith('/') ? path : `/${path}`)),
          ),
        )
        .map(([method, path]) => ({ method, path, headers: {} })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(jsonPath, garbage)
        .map(([path, body]) => raw('POST', path, body, 'application/json')),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(jsonPath, oversized).map(([path, body]) => json('POST', path, body)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(jsonPath, deepText)
        .map(([path, body]) => raw('POST', path, body, 'application/json')),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          jsonPath,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
            'application/jsonx',
            undefined,
          ),
        )
        .map(([path, type]) => raw('POST', path, Buffer.from(JSON.stringify(row)), type)),
    },
  );
}
