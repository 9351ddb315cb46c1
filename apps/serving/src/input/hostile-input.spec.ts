/** @jest-environment ../../jest.onnx-environment.js */
// Each row is one class of hostile input from issue #12, sent over a real socket to the real
// model: a 4xx with {"error"} naming the field, a short message, answered fast, service healthy.
// Every case runs against the churn sample's model and against a model of each task trained on
// generated data of another shape (loans, tickets, listings: other names and types, an id and an
// ignored column, missing values), naming fields from the model's own schema.
import type { FixtureModel, TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';
import type { ModelVersion } from '../models/model-version.js';
import { buildExampleRow } from './build-example-row.js';

/** What the cases need to know about the model under attack. */
interface Target {
  v2: string;
  model: string;
  row: Record<string, unknown>;
  width: number;
  inputName: string;
  /** Two numeric features and a categorical one, from the model's feature spec. */
  num: string;
  num2: string;
  cat: string;
}

function describeTarget(model: ModelVersion): Target {
  const kinds = (kind: string) =>
    model.featureSpec.columns.filter((c) => c.kind === kind).map((c) => c.column);
  const [num, num2] = kinds('numeric');
  const [cat] = kinds('categorical');
  if (!num || !num2 || !cat)
    throw new Error(`${model.key.name}: needs two numeric features and a categorical one`);
  return {
    v2: `/v2/models/${model.key.name}/infer`,
    model: model.key.name,
    row: buildExampleRow(model.featureSpec, model.inputSchema),
    width: model.width,
    inputName: model.inputName,
    num,
    num2,
    cat,
  };
}

const deep = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
const column = (name: string, datatype: string, shape: unknown, data: unknown) => ({
  inputs: [{ name, datatype, shape, data }],
});

type Case = [string, string, () => unknown, number, string | RegExp];

function hostileCases(t: Target): Case[] {
  const { v2: V2, row, width, num, num2, cat } = t;
  const tensor = (data: unknown[], shape: unknown = [1, width]) => ({
    inputs: [{ name: t.inputName, datatype: 'FP32', shape, data }],
  });
  return [
    // Sizes are checked against limits before anything is allocated.
    [
      'a V2 shape of 130,000,000 rows and no data',
      V2,
      () => column(num, 'FP64', [130_000_000, 0], []),
      400,
      `inputs[0] (\`${num}\`): shape [130000000, 0] has 130000000 rows; the limit is 50 (MAX_INSTANCES)`,
    ],
    [
      'a V2 shape near Number.MAX_SAFE_INTEGER',
      V2,
      () => tensor([], [1, Number.MAX_SAFE_INTEGER]),
      400,
      `holds more than 100000 elements (MAX_TENSOR_ELEMENTS)`,
    ],
    [
      'a V2 shape whose product overflows a double',
      V2,
      () => tensor([], [1, 2 ** 52, 2 ** 52, 2 ** 52]),
      400,
      `holds more than 100000 elements (MAX_TENSOR_ELEMENTS)`,
    ],
    [
      'a negative dimension',
      V2,
      () => tensor([], [-1, width]),
      400,
      '`shape[0]` must be a non-negative integer, got -1',
    ],
    [
      'a fractional dimension',
      V2,
      () => tensor([], [1, 1.5]),
      400,
      '`shape[1]` must be a non-negative integer, got 1.5',
    ],
    [
      'a dimension given as text',
      V2,
      () => tensor([], ['1', width]),
      400,
      '`shape[0]` must be a non-negative integer, got "1"',
    ],
    [
      'a shape of rank 40',
      V2,
      () => tensor([], Array(40).fill(1)),
      400,
      '`shape` must be an array of 1 to 4 non-negative integers, got an array of 40 items',
    ],
    [
      'data nested deeper than the shape',
      V2,
      () => column(num, 'FP64', [1], [[[40]]]),
      400,
      "`data` nests deeper than its shape's 1 dimension (element 0 is an array)",
    ],
    // float32 range
    [
      '1e308 for a numeric feature',
      '/predict',
      () => ({ ...row, [num]: 1e308 }),
      400,
      `body: feature \`${num}\` is 1e+308, outside the float32 range the model computes in (-3.4028234663852886e+38 to 3.4028234663852886e+38)`,
    ],
    [
      '1e39 as text for a numeric feature',
      '/predict',
      () => ({ ...row, [num2]: '1e39' }),
      400,
      `body: feature \`${num2}\` is "1e39", outside the float32 range`,
    ],
    [
      '1e308 in a V2 FP64 column',
      V2,
      () => ({
        inputs: Object.entries({ ...row, [num]: -1e308 }).map(([name, value]) => ({
          name,
          datatype:
            typeof value === 'string' ? 'BYTES' : typeof value === 'boolean' ? 'BOOL' : 'FP64',
          shape: [1],
          data: [value],
        })),
      }),
      400,
      `row 0: feature \`${num}\` is -1e+308, outside the float32 range`,
    ],
    [
      '1e308 in a V2 FP32 tensor',
      V2,
      () => tensor([...Array(width - 1).fill(0), 1e308]),
      400,
      `element ${width - 1} (row 0, column ${width - 1}) is 1e+308, outside the float32 range`,
    ],
    // Odd JSON: objects where a scalar belongs, depth, unbounded values in messages.
    [
      'an object with a toString key as a category',
      '/predict',
      () => ({ ...row, [cat]: { toString: 1 } }),
      400,
      `body: Feature \`${cat}\` must be a string, number, boolean or null, got an object.`,
    ],
    [
      'an array as a number',
      '/predict',
      () => ({ instances: [row, { ...row, [num]: [1, 2] }] }),
      400,
      `instances[1]: Feature \`${num}\` must be a string, number, boolean or null, got an array.`,
    ],
    [
      'a string longer than MAX_STRING_LENGTH',
      '/predict',
      () => ({ ...row, [cat]: 'x'.repeat(20_000) }),
      400,
      `body: feature \`${cat}\` is a string of 20000 characters; the limit is 256 (MAX_STRING_LENGTH).`,
    ],
    [
      'a long unknown feature name',
      '/predict',
      () => ({ ...row, ['k'.repeat(5000)]: 1 }),
      400,
      /^body: unknown feature `k{80}\.\.\.`/,
    ],
    [
      'a long V2 input name',
      V2,
      () => column('n'.repeat(5000), 'FP64', [1], [1]),
      400,
      /^inputs\[0\] \(`n{80}\.\.\.`\): not a feature of this model/,
    ],
    [
      'an object as a V2 element',
      V2,
      () => column(num, 'FP64', [1], [{ toString: 1 }]),
      400,
      `inputs[0] (\`${num}\`): element 0 is an object, not a FP64 value`,
    ],
    [
      'a long text as a V2 tensor element',
      V2,
      () => tensor(['z'.repeat(10_000), ...Array(width - 1).fill(0)]),
      400,
      /is "z{80}"\.\.\. \(10000 characters\); expected a finite number\.$/,
    ],
    [
      'V2 parameters that are not an object',
      V2,
      () => ({ ...tensor(Array(width).fill(0)), parameters: [1] }),
      400,
      '`parameters` must be an object, got an array.',
    ],
    [
      'a feedback label that is a long text',
      '/feedback',
      () => ({ predictionId: 'x', label: 'y'.repeat(10_000) }),
      400,
      /^body\.label must be the true class text, a finite number, or true\/false \(at most 256 characters\), got "y{80}"\.\.\. \(10000 characters\)\.$/,
    ],
    [
      'a feedback label that is an object',
      '/feedback',
      () => ({ predictionId: 'x', label: { toString: 1 } }),
      400,
      'body.label must be the true class text, a finite number, or true/false (at most 256 characters), got an object.',
    ],
  ];
}

// The cases' titles do not depend on the model; their fields do, so they are built per model.
const PLACEHOLDER: Target = {
  v2: '/v2/models/m/infer',
  model: 'm',
  row: {},
  width: 2,
  inputName: 'features',
  num: 'a',
  num2: 'b',
  cat: 'c',
};
const TITLES = hostileCases(PLACEHOLDER).map(([title], index) => [title, index] as const);

describe.each<FixtureModel>(['churn', 'binary', 'multiclass', 'regression'])(
  'the %s fixture model',
  (dataset) => {
    let server: TestServer;
    let t: Target;
    beforeAll(async () => {
      server = await startTestServer(
        { MAX_INSTANCES: '50', MAX_TENSOR_ELEMENTS: '100000' },
        dataset,
      );
      t = describeTarget(stableModel(server));
    });
    afterAll(() => server.close());

    describe('hostile input', () => {
      it.each(TITLES)('answers %s with a short 4xx naming the field', async (_title, index) => {
        const [, path, body, status, error] = hostileCases(t)[index] as Case;
        const started = performance.now();
        const response = await server.http
          .post(path)
          .send(body() as object)
          .expect(status);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(response.body.error).toMatch(typeof error === 'string' ? escape(error) : error);
        // Short whatever the client sent (the longest messages list the model's own feature names).
        expect(response.body.error.length).toBeLessThan(600);
      });

      it.each([
        ['/predict', (levels: number) => `{"${t.num}": ${deep(levels)}}`],
        [
          'V2 infer shape',
          (levels: number) =>
            `{"inputs": [{"name": "${t.num}", "datatype": "FP64", "shape": ${deep(levels, '')}, "data": [1]}]}`,
        ],
        [
          'V2 infer data',
          (levels: number) =>
            `{"inputs": [{"name": "${t.num}", "datatype": "FP64", "shape": [1], "data": ${deep(levels)}}]}`,
        ],
        [
          'V2 infer parameters',
          (levels: number) => `{"inputs": [], "parameters": {"a": ${deep(levels)}}}`,
        ],
        [
          '/feedback',
          (levels: number) => `{"feedback": [{"predictionId": "x", "label": ${deep(levels)}}]}`,
        ],
      ])(
        'refuses values nested thousands deep inside a field of %s before parsing',
        async (where, body) => {
          const path = where.startsWith('V2') ? t.v2 : where;
          const response = await server.http
            .post(path)
            .set('Content-Type', 'application/json')
            .send(body(50_000))
            .expect(400);
          expect(response.body.error).toMatch(
            /^The body nests arrays and objects deeper than 32 levels \(MAX_JSON_DEPTH\), at byte \d+; send flat feature values\.$/,
          );
        },
      );

      it('keeps answering /health/live at once after the 130,000,000-row shape', async () => {
        await server.http
          .post(t.v2)
          .send(column(t.num, 'FP64', [130_000_000, 0], []))
          .expect(400);
        const started = performance.now();
        await server.http.get('/health/live').expect(200);
        expect(performance.now() - started).toBeLessThan(1000);
      });
    });

    describe('a score that is not a probability or a finite value', () => {
      it('is a 422 naming the row, never a 200 with null, and never enters the prediction log', async () => {
        const summary = async () => (await server.http.get('/feedback/summary').expect(200)).body;
        const before = (await summary()).predictionLog.size as number;
        const tensor = (value: number) => ({
          inputs: [
            {
              name: t.inputName,
              datatype: 'FP32',
              shape: [1, t.width],
              data: Array(t.width).fill(value),
            },
          ],
        });
        // Inputs near the float32 maximum overflow the network's float32 arithmetic into NaN.
        const response = await server.http.post(t.v2).send(tensor(3e38)).expect(422);
        const model = stableModel(server);
        const expected =
          model.task === 'regression'
            ? 'as (NaN|-?Infinity), not a finite number'
            : `as NaN${model.task === 'multiclass' ? ` for class "${model.classes[0]}"` : ''}, not a probability in \\[0, 1\\]`;
        expect(response.body.error).toMatch(
          new RegExp(`^Model ${t.model} v1 scored row 0 ${expected}`),
        );
        expect(response.body).not.toHaveProperty('outputs');
        expect((await summary()).predictionLog.size).toBe(before);
        await server.http.post(t.v2).send(tensor(0.5)).expect(200);
      });
    });
  },
);

function escape(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
