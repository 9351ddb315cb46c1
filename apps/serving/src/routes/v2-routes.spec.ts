import { buildExampleRow } from '../input/build-example-row.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';

let server: TestServer;
let row: Record<string, unknown>;
let width: number;

beforeAll(async () => {
  server = await startTestServer();
  const model = stableModel(server);
  row = buildExampleRow(model.featureSpec, model.inputSchema);
  width = model.width;
});
afterAll(() => server.close());

const tensor = (
  rows: number,
  data: unknown[] = Array(rows * width).fill(0),
  shape = [rows, width],
) => ({
  inputs: [{ name: 'features', datatype: 'FP32', shape, data }],
});

describe('Open Inference Protocol (V2)', () => {
  it('describes the server, its liveness and readiness', async () => {
    expect((await server.http.get('/v2').expect(200)).body).toEqual({
      name: 'modelship',
      version: '0.1.0',
      extensions: [],
    });
    expect((await server.http.get('/v2/health/live').expect(200)).body).toEqual({ live: true });
    expect((await server.http.get('/v2/health/ready').expect(200)).body).toEqual({ ready: true });
  });

  it.each(['/v2/models/churn', '/v2/models/churn/versions/1'])(
    'describes the model at %s',
    async (path) => {
      const { body } = await server.http.get(path).expect(200);
      expect(body).toMatchObject({
        name: 'churn',
        versions: ['1'],
        platform: 'onnxruntime_onnx',
        inputs: [{ name: 'features', datatype: 'FP32', shape: [-1, width] }],
      });
      expect(body.parameters.raw_inputs).toContainEqual({
        name: 'age',
        datatype: 'FP64',
        shape: [-1],
      });
      await server.http
        .get(`${path}/ready`)
        .expect(200, { name: 'churn', version: '1', ready: true });
    },
  );

  it.each([
    ['/v2/models/other', 'Model `other` is not served here; served: churn.'],
    ['/v2/models/churn/versions/7', 'Model `churn` has no loaded version `7`; loaded: 1.'],
    ['/v2/models/churn/versions/7/ready', 'Model `churn` has no loaded version `7`; loaded: 1.'],
  ])('answers 404 for %s', async (path, error) => {
    await server.http.get(path).expect(404, { error });
    await server.http
      .post(`${path.replace(/\/ready$/, '')}/infer`)
      .send(tensor(1))
      .expect(404, { error });
  });

  it('infers from one FP32 tensor and echoes the request id', async () => {
    const { body, headers } = await server.http
      .post('/v2/models/churn/infer')
      .send({ id: 'req-7', ...tensor(2) })
      .expect(200);
    expect(body).toMatchObject({
      model_name: 'churn',
      model_version: '1',
      id: 'req-7',
      parameters: { variant: 'stable' },
    });
    expect(
      body.outputs.map((o: { name: string; datatype: string; shape: number[] }) => [
        o.name,
        o.datatype,
        o.shape,
      ]),
    ).toEqual([
      ['probability', 'FP32', [2]],
      ['label', 'BYTES', [2]],
    ]);
    const [probabilities, labels] = body.outputs.map((o: { data: unknown[] }) => o.data);
    const { classes, threshold } = stableModel(server);
    expect(labels).toEqual(probabilities.map((p: number) => classes[p >= threshold ? 1 : 0]));
    expect(headers['x-model-version']).toBe('1');
  });

  it('uses X-Request-Id as the response id when the body has none', async () => {
    const { body } = await server.http
      .post('/v2/models/churn/versions/1/infer')
      .set('X-Request-Id', 'hdr-1')
      .send(tensor(1))
      .expect(200);
    expect(body.id).toBe('hdr-1');
  });

  it('infers from one input per raw feature column, the same as /predict', async () => {
    const inputs = Object.entries(row).map(([name, value]) => ({
      name,
      datatype: typeof value === 'string' ? 'BYTES' : typeof value === 'boolean' ? 'BOOL' : 'FP64',
      shape: [1],
      data: [value],
    }));
    const v2 = await server.http
      .post('/v2/models/churn/infer')
      .send({ inputs, outputs: [{ name: 'probability' }] })
      .expect(200);
    const predicted = await server.http.post('/predict').send(row).expect(200);
    expect(v2.body.outputs).toHaveLength(1);
    expect(v2.body.outputs[0].data).toEqual([predicted.body.probability]);
  });

  it.each([
    [
      'a shape that does not match the model',
      () => tensor(1, Array(width - 1).fill(0), [1, width - 1]),
      () => `does not match the model's input [N, ${width}]`,
    ],
    [
      'an element count that does not match the shape',
      () => tensor(2, Array(width).fill(0), [2, width]),
      () => `shape [2, ${width}] holds ${2 * width} elements but \`data\` has ${width}.`,
    ],
    [
      'a non-number element',
      () => tensor(1, [null, ...Array(width - 1).fill(0)]),
      'element 0 (row 0, column 0) is null; expected a finite number.',
    ],
    [
      'a wrong datatype',
      () => ({
        inputs: [
          { name: 'features', datatype: 'INT8', shape: [1, width], data: Array(width).fill(0) },
        ],
      }),
      'datatype must be FP32 (or FP64), got INT8.',
    ],
    ['no inputs', () => ({ inputs: [] }), '`inputs` must be a non-empty array'],
    [
      'an unknown input name',
      () => ({ inputs: [{ name: 'colour', datatype: 'BYTES', shape: [1], data: ['red'] }] }),
      'inputs[0] (`colour`): not a feature of this model',
    ],
    [
      'columns of different lengths',
      () => ({
        inputs: [
          { name: 'age', datatype: 'FP64', shape: [2], data: [1, 2] },
          { name: 'region', datatype: 'BYTES', shape: [1], data: ['north'] },
        ],
      }),
      'inputs[1] (`region`): shape [1] must be [2] or [2, 1]',
    ],
    [
      'a value of the wrong type for its datatype',
      () => ({ inputs: [{ name: 'age', datatype: 'FP64', shape: [1], data: ['x'] }] }),
      'inputs[0] (`age`): element 0 is "x", not a FP64 value',
    ],
    [
      'a missing raw column',
      () => ({ inputs: [{ name: 'age', datatype: 'FP64', shape: [1], data: [40] }] }),
      'row 0: Feature `senior_citizen` is missing',
    ],
    [
      'an unknown output',
      () => ({ ...tensor(1), outputs: [{ name: 'logits' }] }),
      'outputs[0].name must be one of "probability", "label", got "logits".',
    ],
  ])('refuses %s with a 400', async (_name, body, message) => {
    const response = await server.http.post('/v2/models/churn/infer').send(body()).expect(400);
    expect(response.body.error).toContain(typeof message === 'function' ? message() : message);
  });
});
