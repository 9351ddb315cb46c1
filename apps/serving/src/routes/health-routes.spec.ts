import { buildExampleRow } from '../input/build-example-row.js';
import { listRoutes } from './route-table.js';
import { buildOpenApiDocument } from '@modelship/serving-contract';
import { describeInstanceSchema } from '../input/describe-instance-schema.js';
import type { TestServer } from '../../test/serving-fixture.js';
import { stableModel, startTestServer } from '../../test/serving-fixture.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('health, metrics and the OpenAPI document', () => {
  it('answers liveness and readiness with the loaded model', async () => {
    await server.http.get('/health/live').expect(200, { status: 'live' });
    await server.http.get('/health/ready').expect(200, {
      status: 'ready',
      models: [{ name: 'churn', version: '1', variant: 'stable', stage: 'production' }],
    });
  });

  it('exports Prometheus metrics with model labels, route templates and 0.5 ms buckets', async () => {
    const model = stableModel(server);
    await server.http
      .post('/predict')
      .send(buildExampleRow(model.featureSpec, model.inputSchema))
      .expect(200);
    await server.http.get('/v2/models/churn').expect(200);
    const { text, headers } = await server.http.get('/metrics').expect(200);
    expect(headers['content-type']).toContain('text/plain');
    for (const line of [
      'modelship_http_requests_total{route="/predict",method="POST",status="200"} 1',
      'modelship_http_requests_total{route="/v2/models/:model",method="GET",status="200"} 1',
      'modelship_http_request_duration_seconds_bucket{le="0.0005",route="/predict",method="POST",status="200"}',
      'modelship_inference_duration_seconds_count{model="churn",version="1",variant="stable"} 1',
      'modelship_inference_queue_duration_seconds_count{model="churn",version="1",variant="stable"} 1',
      'modelship_predictions_total{model="churn",version="1",variant="stable",label=',
      'modelship_model_info{name="churn",version="1",variant="stable",stage="production"} 1',
      'modelship_model_load_total{result="success"} 1',
      'modelship_inference_queued{model="churn",version="1",variant="stable"} 0',
      'modelship_http_requests_in_flight 1',
      'process_cpu_seconds_total',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('documents every route of the route table in /openapi.json, and nothing else', async () => {
    const { body } = await server.http.get('/openapi.json').expect(200);
    expect(body.openapi).toBe('3.1.0');
    const documented = Object.entries(body.paths as Record<string, object>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    const implemented = listRoutes(server.ctx)
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(documented).toEqual(implemented);
  });

  it('describes /predict instances with the loaded model features', async () => {
    const { body } = await server.http.get('/openapi.json').expect(200);
    const instance = body.components.schemas.Instance;
    expect(instance.required).toContain('age');
    expect(instance.properties.region.examples).toEqual([
      'central',
      'east',
      'north',
      'south',
      'west',
    ]);
    expect(buildOpenApiDocument(undefined).components.schemas.Instance.type).toBe('object');
  });

  it('serves exactly the document the contract generates for the loaded model', async () => {
    const { body } = await server.http.get('/openapi.json').expect(200);
    const instance = describeInstanceSchema(stableModel(server).inputSchema);
    expect(body).toEqual(buildOpenApiDocument(instance, stableModel(server)));
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining([
        'PredictRequest',
        'InferRequest',
        'RolloutStatus',
        'FeedbackRequest',
      ]),
    );
  });
});
