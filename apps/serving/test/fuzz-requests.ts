// The fuzz test's requests: seeded generators of valid, mutated and malformed requests for every
// route, built from one valid row of the served model.

export interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What the generators build on: a valid row, the model's input tensor and the body limit. */
export interface FuzzTarget {
  row: Record<string, unknown>;
  width: number;
  inputName: string;
  bodyLimit: number;
}

export type Random = () => number;

type Generate = (r: Random, row: Record<string, unknown>, target: FuzzTarget) => FuzzRequest;

const GENERATORS: [string, number, Generate][] = [
  [
    'valid predict',
    2,
    (r, base) => post('valid', '/predict', pick(r, [base, { instances: [base, base] }])),
  ],
  ['mutated row', 6, (r, base) => post('mutated row', '/predict', mutateRow(r, base))],
  ['mutated batch', 3, (r, base) => post('mutated batch', '/predict', mutateBatch(r, base))],
  ['random JSON', 2, (r) => post('random JSON', pick(r, JSON_PATHS), randomJson(r, 3))],
  [
    'malformed JSON',
    3,
    (r, base) => raw('malformed JSON', 'POST', pick(r, JSON_PATHS), malformed(r, base)),
  ],
  ['content type', 2, (r, base) => withType(r, post('content type', pick(r, JSON_PATHS), base))],
  ['oversized', 1, (r, base, target) => oversized(r, base, target.bodyLimit)],
  ['v2 columns', 4, (r, base) => post('v2 columns', pick(r, V2_PATHS), mutateV2Columns(r, base))],
  [
    'v2 tensor',
    3,
    (r, base, target) => post('v2 tensor', pick(r, V2_PATHS), mutateV2Tensor(r, base, target)),
  ],
  ['feedback', 2, (r) => post('feedback', '/feedback', randomFeedback(r))],
  ['method and path', 3, (r) => randomRoute(r)],
];
const JSON_PATHS = [
  '/predict',
  '/v2/models/churn/infer',
  '/feedback',
  '/v2/models/churn/versions/1/infer',
];
const V2_PATHS = ['/v2/models/churn/infer', '/v2/models/churn/versions/1/infer'];
const ODD_STRINGS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '',
  ' ',
  'NA',
  'null',
  '0x1F',
  '١٢٣',
  '😀',
  '\u0000',
  'é'.repeat(50),
];
const ODD_NUMBERS = [Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, -0, 2 ** 53 + 1, 0.1, -1, 1e21];

/** One request, drawn from the generators by weight. */
export function generateRequest(r: Random, target: FuzzTarget): FuzzRequest {
  const total = GENERATORS.reduce((sum, [, weight]) => sum + weight, 0);
  let ticket = r() * total;
  for (const [, weight, generate] of GENERATORS) {
    if ((ticket -= weight) < 0) return generate(r, target.row, target);
  }
  return GENERATORS[0][2](r, target.row, target);
}

function mutateRow(r: Random, base: Record<string, unknown>): unknown {
  const mutated: Record<string, unknown> = { ...base };
  const names = Object.keys(base);
  const edits = 1 + Math.floor(r() * 3);
  for (let i = 0; i < edits; i++) {
    const name = pick(r, names);
    switch (Math.floor(r() * 6)) {
      case 0:
        delete mutated[name];
        break;
      case 1:
        mutated[pick(r, ['extra', '__proto__', 'constructor', name.toUpperCase(), `${name} `])] = 1;
        break;
      case 2:
        mutated[name] = pick(r, ODD_STRINGS);
        break;
      case 3:
        mutated[name] = pick(r, ODD_NUMBERS);
        break;
      case 4:
        mutated[name] = randomJson(r, 2);
        break;
      default:
        mutated[name] = pick(r, [
          'x'.repeat(20_000),
          String(base[name]),
          [base[name]],
          { value: base[name] },
        ]);
    }
  }
  return mutated;
}

function mutateBatch(r: Random, base: Record<string, unknown>): unknown {
  const size = pick(r, [0, 1, 3, 50, 51, 120]);
  const instances = Array.from({ length: size }, () => (r() < 0.8 ? base : mutateRow(r, base)));
  return pick(r, [
    { instances },
    { instances, extra: true },
    { instances: instances[0] ?? null },
    instances,
  ]);
}

function mutateV2Columns(r: Random, base: Record<string, unknown>): unknown {
  const rows = pick(r, [1, 2, 5]);
  const inputs: Record<string, unknown>[] = Object.entries(base).map(([name, value]) => ({
    name,
    datatype: typeof value === 'boolean' ? 'BOOL' : typeof value === 'number' ? 'FP64' : 'BYTES',
    shape: pick(r, [[rows], [rows, 1]]),
    data: Array.from({ length: rows }, () => value),
  }));
  const target = inputs[Math.floor(r() * inputs.length)];
  switch (Math.floor(r() * 7)) {
    case 0:
      target['shape'] = pick(r, [[rows + 1], [rows, 2], [], [-1], [1.5], ['1'], [2 ** 60], null]);
      break;
    case 1:
      target['datatype'] = pick(r, ['FP16', 'INT8', 'UINT64', 'BOOL', 'BYTES', 'STRING', '', 7]);
      break;
    case 2:
      target['data'] = pick(r, [
        [],
        [null],
        ['NaN'],
        [[[[1]]]],
        'text',
        { 0: 1 },
        [randomJson(r, 2)],
      ]);
      break;
    case 3:
      inputs.splice(inputs.indexOf(target), 1);
      break;
    case 4:
      inputs.push({ ...target, name: pick(r, ['extra', target['name'], '']) });
      break;
    case 5:
      delete target[pick(r, ['name', 'shape', 'datatype', 'data'])];
      break;
    default:
      return pick(r, [
        { inputs: [] },
        { inputs: {} },
        { id: 5, inputs },
        { inputs, outputs: [{ name: 'x' }] },
        {},
      ]);
  }
  return { id: 'fuzz', inputs };
}

function mutateV2Tensor(r: Random, base: Record<string, unknown>, target: FuzzTarget): unknown {
  const { width, inputName } = target;
  const rows = pick(r, [1, 2, 51]);
  const shape = pick(r, [
    [rows, width],
    [rows, width + 1],
    [rows * width],
    [rows, width, 1],
    [0, width],
  ]);
  const count = pick(r, [rows * width, rows * width - 1, rows * width + 1]);
  const data = Array.from({ length: count }, () =>
    r() < 0.97 ? r() : pick(r, [...ODD_NUMBERS, 'NaN', null, true, []]),
  );
  const name = pick(r, [inputName, 'features', 'input', Object.keys(base)[0]]);
  const datatype = pick(r, ['FP32', 'FP32', 'FP64', 'INT64', 'BYTES']);
  return { inputs: [{ name, shape, datatype, data: r() < 0.2 ? [data] : data }] };
}

function randomFeedback(r: Random): unknown {
  const item = () => ({
    predictionId: pick(r, ['x', '', 'a'.repeat(200), 7, null, crypto.randomUUID()]),
    label: pick(r, [0, 1, true, false, 2, '1', null, -1, 0.5]),
  });
  return pick(r, [
    item(),
    { feedback: [item(), item()] },
    { feedback: [] },
    { feedback: item() },
    [item()],
  ]);
}

function randomRoute(r: Random): FuzzRequest {
  const method = pick(r, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const path = pick(r, [
    '/',
    '/predict',
    '/predict/',
    '/predict/../metrics',
    '/v2/models/%ZZ',
    '/v2/models/%E0%A4%A/ready',
    '/v2/models/churn/versions/99',
    '/v2/models/unknown/infer',
    '/v2/models/churn/versions/%00/ready',
    `/${'a'.repeat(4000)}`,
    '/health/ready?x=%',
    '/feedback/summary',
    '/drift',
    '/admin/rollout',
    '/openapi.json',
    '/%F0%9F%98%80',
    '//predict',
  ]);
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.from('{"a":1}');
  return raw('method and path', method, path, body);
}

function oversized(r: Random, base: Record<string, unknown>, bodyLimit: number): FuzzRequest {
  const instances = Array.from({ length: 400 }, () => base);
  const fuzz = post('oversized', pick(r, JSON_PATHS), { instances });
  if (r() < 0.5) fuzz.headers['content-length'] = String(bodyLimit - 10); // lies: more follows
  return fuzz;
}

function malformed(r: Random, base: Record<string, unknown>): Buffer {
  const text = JSON.stringify(base);
  return pick(r, [
    () => Buffer.from(text.slice(0, Math.floor(r() * text.length))),
    () => Buffer.from(`${text}}`),
    () => Buffer.from(text.replace(/"/g, "'")),
    () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3]),
    () => Buffer.from('['.repeat(5000)),
    () => Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`),
    () => Buffer.from(''),
    () => Buffer.from('NaN'),
    () => Buffer.from('{"instances": [' + '{},'.repeat(10) + ']}'),
  ])();
}

function withType(r: Random, fuzz: FuzzRequest): FuzzRequest {
  const type = pick(r, [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    'application/jsonx',
    '',
    undefined,
  ]);
  if (type === undefined) delete fuzz.headers['content-type'];
  else fuzz.headers['content-type'] = type;
  return fuzz;
}

function randomJson(r: Random, depth: number): unknown {
  const choice = Math.floor(r() * (depth > 0 ? 8 : 6));
  switch (choice) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, ODD_NUMBERS);
    case 3:
      return pick(r, ODD_STRINGS);
    case 4:
      return Math.floor(r() * 1000) - 500;
    case 5:
      return String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(r() * 0xffff)));
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth - 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(r() * 4) }, (_, i) => [
          pick(r, ['instances', 'inputs', 'feedback', `k${i}`]),
          randomJson(r, depth - 1),
        ]),
      );
  }
}

export function post(kind: string, path: string, body: unknown): FuzzRequest {
  return raw(kind, 'POST', path, Buffer.from(JSON.stringify(body) ?? 'null'));
}

export function get(path: string): FuzzRequest {
  return raw('get', 'GET', path);
}

function raw(kind: string, method: string, path: string, body?: Buffer): FuzzRequest {
  const headers: Record<string, string> = {};
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  return { kind, method, path, headers, body };
}

export function describeRequest(fuzz: FuzzRequest): string {
  const body = fuzz.body?.toString('utf8', 0, 160) ?? '';
  return `[${fuzz.kind}] ${fuzz.method} ${fuzz.path.slice(0, 80)} ${JSON.stringify(fuzz.headers)} ${body}`;
}

function pick<T>(r: Random, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)];
}

/** mulberry32: a small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
