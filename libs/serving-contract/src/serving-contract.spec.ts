import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  buildOpenApiDocument,
  FeedbackRequest,
  FINAL_ROLLOUT_STATES,
  listServingSeriesNames,
  Prediction,
  PredictRequest,
  ROLLOUT_STATES,
  RolloutCheck,
  RolloutStatus,
  SERVING_METRICS,
  V2InferRequest,
} from './index.js';

const check = (schema: Parameters<typeof TypeCompiler.Compile>[0]) => TypeCompiler.Compile(schema);

describe('the request schemas', () => {
  it.each([
    ['one instance', { a: 1, b: 'x' }, true],
    ['a batch', { instances: [{ a: 1 }, { a: 2 }] }, true],
    ['an empty batch', { instances: [] }, false],
    ['a batch with a field beside instances', { instances: [{ a: 1 }], extra: 1 }, false],
    ['an array', [{ a: 1 }], false],
    ['a string', 'x', false],
  ])('/predict: %s -> %s', (_title, body, valid) => {
    expect(check(PredictRequest).Check(body)).toBe(valid);
  });

  it.each([
    ['a tensor', { inputs: [{ name: 'x', datatype: 'FP32', shape: [1, 2], data: [1, 2] }] }, true],
    ['no inputs', { inputs: [] }, false],
    [
      'a negative dimension',
      { inputs: [{ name: 'x', datatype: 'FP32', shape: [-1], data: [] }] },
      false,
    ],
    [
      'an unknown output',
      {
        inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: [1] }],
        outputs: [{ name: 'z' }],
      },
      false,
    ],
  ])('V2 infer: %s -> %s', (_title, body, valid) => {
    expect(check(V2InferRequest).Check(body)).toBe(valid);
  });

  it.each([
    ['one label', { predictionId: 'p', label: 1 }, true],
    ['a boolean label', { predictionId: 'p', label: true }, true],
    ['a class text', { predictionId: 'p', label: 'urgent' }, true],
    ['a regression value', { predictionId: 'p', label: 204.5 }, true],
    ['an empty label', { predictionId: 'p', label: '' }, false],
    ['a null label', { predictionId: 'p', label: null }, false],
    ['an object label', { predictionId: 'p', label: { class: 'a' } }, false],
    ['a batch', { feedback: [{ predictionId: 'p', label: 0 }] }, true],
    ['an unknown field', { predictionId: 'p', label: 0, note: 'x' }, false],
  ])('/feedback: %s -> %s', (_title, body, valid) => {
    expect(check(FeedbackRequest).Check(body)).toBe(valid);
  });

  it('accepts the idle rollout status and refuses an unknown state', () => {
    const idle = {
      strategy: 'none',
      state: 'idle',
      stable: { name: 'm', version: '1' },
      candidate: null,
      weights: { stable: 1 },
      step: null,
      checks: [],
      history: [],
    };
    expect(check(RolloutStatus).Check(idle)).toBe(true);
    expect(check(RolloutStatus).Check({ ...idle, state: 'paused' })).toBe(false);
  });

  it('checks the formats it names: a uuid prediction id, a date-time check', () => {
    const prediction = {
      predictionId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      label: 1,
      probability: 0.7,
    };
    expect(check(Prediction).Check(prediction)).toBe(true);
    expect(check(Prediction).Check({ ...prediction, predictionId: 'p-1' })).toBe(false);
    const at = new Date().toISOString();
    const event = { at, check: 'error_rate', result: 'passed', detail: 'ok' };
    expect(check(RolloutCheck).Check(event)).toBe(true);
    expect(check(RolloutCheck).Check({ ...event, at: 'yesterday' })).toBe(false);
  });

  it('ends a rollout only in an outcome, never while idle, loading or running', () => {
    expect([...FINAL_ROLLOUT_STATES].sort()).toEqual([
      'aborted',
      'promoted',
      'rolled_back',
      'switched',
    ]);
    for (const state of FINAL_ROLLOUT_STATES) expect(ROLLOUT_STATES).toContain(state);
  });
});

describe('the generated OpenAPI document', () => {
  const document = buildOpenApiDocument();

  it('is plain JSON that references only components it defines', () => {
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(10);
    for (const [, name] of refs) expect(Object.keys(document.components.schemas)).toContain(name);
  });

  it('puts a given instance schema in Instance and PredictRequest refers to it', () => {
    const instance = { type: 'object', required: ['x'], properties: { x: { type: 'number' } } };
    const { schemas } = buildOpenApiDocument(instance).components;
    expect(schemas['Instance']).toEqual(instance);
    expect(JSON.stringify(schemas['PredictRequest'])).toContain('#/components/schemas/Instance');
  });
});

describe('the metric names', () => {
  it('are unique Prometheus names with the modelship_ prefix and valid label names', () => {
    const names = Object.values(SERVING_METRICS).map((metric) => metric.name);
    expect(new Set(names).size).toBe(names.length);
    for (const metric of Object.values(SERVING_METRICS)) {
      // Prometheus names: letters, digits and underscores (modelship_live_macro_f1).
      expect(metric.name).toMatch(/^modelship_[a-z][a-z0-9_]*$/);
      for (const label of metric.labels) expect(label).toMatch(/^[a-z_]+$/);
    }
  });

  it('lists the series of a histogram with its bucket, sum and count', () => {
    expect(listServingSeriesNames()).toEqual(
      expect.arrayContaining([
        'modelship_inference_duration_seconds_bucket',
        'modelship_inference_duration_seconds_count',
        'modelship_http_requests_total',
      ]),
    );
  });
});
