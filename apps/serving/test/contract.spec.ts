// The contract describes what the service really answers: each answer validates against the
// contract's schema of it (TypeBox's compiled check, the same JSON Schema /openapi.json serves).
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  ErrorBody,
  FeedbackResponse,
  PredictResponse,
  RolloutStatus,
  V2InferResponse,
} from '@modelship/serving-contract';
import { buildExampleRow } from '../src/input/build-example-row.js';
import { ADMIN_TOKEN } from './rollout-fixture.js';
import type { TestServer } from './serving-fixture.js';
import { stableModel, startTestServer } from './serving-fixture.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ADMIN_TOKEN });
});
afterAll(() => server.close());

function expectValid(schema: TSchema, body: unknown): void {
  const check = TypeCompiler.Compile(schema);
  const errors = [...check.Errors(body)].map((error) => `${error.path}: ${error.message}`);
  expect({ body, errors }).toEqual({ body, errors: [] });
}

describe('answers match the serving contract', () => {
  it('/predict, one instance and a batch', async () => {
    const model = stableModel(server);
    const row = buildExampleRow(model.featureSpec, model.inputSchema);
    const one = await server.http.post('/predict').send(row).expect(200);
    expectValid(PredictResponse, one.body);
    const batch = await server.http
      .post('/predict')
      .send({ instances: [row, row] })
      .expect(200);
    expectValid(PredictResponse, batch.body);
  });

  it('V2 infer on the model input tensor', async () => {
    const model = stableModel(server);
    const { body } = await server.http
      .post(`/v2/models/${model.key.name}/infer`)
      .send({
        inputs: [
          {
            name: model.inputName,
            datatype: 'FP32',
            shape: [2, model.width],
            data: Array(2 * model.width).fill(0),
          },
        ],
      })
      .expect(200);
    expectValid(V2InferResponse, body);
  });

  it('/feedback, one item and a batch', async () => {
    const model = stableModel(server);
    const row = buildExampleRow(model.featureSpec, model.inputSchema);
    const { body } = await server.http.post('/predict').send({ instances: [row, row] });
    const [first, second] = body.predictions as { predictionId: string }[];
    const one = await server.http
      .post('/feedback')
      .send({ predictionId: first.predictionId, label: 1 })
      .expect(200);
    expectValid(FeedbackResponse, one.body);
    const batch = await server.http
      .post('/feedback')
      .send({ feedback: [{ predictionId: second.predictionId, label: false }] })
      .expect(200);
    expectValid(FeedbackResponse, batch.body);
  });

  it('the admin rollout status, and an error', async () => {
    const status = await server.http
      .get('/admin/rollout')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(200);
    expectValid(RolloutStatus, status.body);
    const error = await server.http.post('/predict').send('[]').type('json').expect(400);
    expectValid(ErrorBody, error.body);
  });
});
