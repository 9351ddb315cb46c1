import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  buildOpenApiDocument,
  describePrediction,
  describePredictResponse,
  FeedbackRequest,
  FINAL_ROLLOUT_STATES,
  listServingSeriesNames,
  Prediction,
  PredictRequest,
  ROLLOUT_STATES,
  RolloutCheck,
  RolloutStatus,
  SERVING_METRICS,
  V2_OUTPUT_NAMES,
  V2_TASK_OUTPUTS,
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
      label: 'yes',
      probability: 0.7,
      probabilities: { no: 0.3, yes: 0.7 },
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

describe('the answer of each task', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  const answers = {
    binary: {
      predictionId: id,
      label: 'yes',
      probability: 0.7,
      probabilities: { no: 0.3, yes: 0.7 },
    },
    multiclass: {
      predictionId: id,
      label: 'urgent',
      probability: 0.5,
      probabilities: { low: 0.2, normal: 0.3, urgent: 0.5 },
      id: { ticket_ref: 'T-1' },
    },
    regression: { predictionId: id, value: 412_000.5, id: { listing_id: 7 } },
  };
  const outputs = {
    binary: { task: 'binary', classes: ['no', 'yes'] },
    multiclass: { task: 'multiclass', classes: ['low', 'normal', 'urgent'] },
    regression: { task: 'regression', classes: [] },
  } as const;

  it.each(Object.keys(answers) as (keyof typeof answers)[])(
    "%s: fits Prediction, its own schema, and no other task's",
    (task) => {
      expect(check(Prediction).Check(answers[task])).toBe(true);
      for (const [other, answer] of Object.entries(answers)) {
        expect([other, check(describePrediction(outputs[task])).Check(answer)]).toEqual([
          other,
          other === task,
        ]);
      }
      const response = describePredictResponse(describePrediction(outputs[task]));
      const model = { model: 'm', version: '1', variant: 'stable' };
      expect(check(response).Check({ ...model, ...answers[task] })).toBe(true);
      expect(check(response).Check({ ...model, predictions: [answers[task]] })).toBe(true);
      expect(check(response).Check({ ...model, ...answers[task], extra: 1 })).toBe(false);
    },
  );

  it.each([
    ['a label outside the classes', { ...answers.multiclass, label: 'someday' }],
    [
      'a missing class probability',
      { ...answers.multiclass, probabilities: { low: 0.5, urgent: 0.5 } },
    ],
    ['a probability above 1', { ...answers.multiclass, probability: 1.5 }],
    ['an id that is an object', { ...answers.multiclass, id: { ticket_ref: { a: 1 } } }],
  ])('multiclass: refuses %s', (_title, answer) => {
    expect(check(describePrediction(outputs.multiclass)).Check(answer)).toBe(false);
  });

  it('names the V2 outputs of each task, binary first, each name once', () => {
    expect(V2_TASK_OUTPUTS).toEqual({
      binary: ['probability', 'label'],
      multiclass: ['probabilities', 'label'],
      regression: ['value'],
    });
    expect(V2_OUTPUT_NAMES).toEqual(['probability', 'label', 'probabilities', 'value']);
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

  it("describes the loaded model's answer when given its task and classes", () => {
    const { schemas } = buildOpenApiDocument(undefined, {
      task: 'multiclass',
      classes: ['low', 'urgent'],
    }).components;
    expect(JSON.stringify(schemas['Prediction'])).toContain('"const":"urgent"');
    expect(schemas['Prediction']).toMatchObject({
      properties: { probabilities: { required: ['low', 'urgent'] } },
    });
    const regression = buildOpenApiDocument(undefined, { task: 'regression', classes: [] });
    expect(regression.components.schemas['Prediction']).toMatchObject({
      required: ['predictionId', 'value'],
    });
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
