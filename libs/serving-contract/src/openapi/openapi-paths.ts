import { adminPaths } from './openapi-admin-paths.js';
import { answer, error, json, ref } from './openapi-helpers.js';
import { monitoringPaths } from './openapi-monitoring-paths.js';

type Operation = Record<string, unknown>;

const BAD_INPUT = {
  '400': error(
    'Bad input: malformed JSON, nesting deeper than MAX_JSON_DEPTH, missing features or columns the input schema does not know, wrong types, objects where a value belongs, numbers outside the float32 range, strings over MAX_STRING_LENGTH, too many instances or tensor elements.',
  ),
  '413': error('The body is larger than BODY_LIMIT.'),
  '415': error('Content-Type is not application/json.'),
  '422': error(
    'The model scored a row as something that is not a probability, or (regression) not a finite number (inputs far outside the training data); nothing was answered or logged.',
  ),
  '503': error('No verified model is loaded, or the inference queue is full (with Retry-After).'),
};
const MODEL_PARAMS = [{ name: 'model', in: 'path', required: true, schema: { type: 'string' } }];
const VERSION_PARAMS = [
  ...MODEL_PARAMS,
  { name: 'version', in: 'path', required: true, schema: { type: 'string' } },
];
const NOT_FOUND = {
  '404': error('The model or version is not loaded here.'),
  '503': error('No verified model is loaded.'),
};

function get(
  summary: string,
  responses: Record<string, unknown>,
  parameters?: unknown[],
): Operation {
  return { get: { summary, ...(parameters ? { parameters } : {}), responses } };
}

function modelPaths(base: string, parameters: unknown[]): Record<string, Operation> {
  return {
    [base]: get(
      'Model metadata (Open Inference Protocol).',
      { '200': answer('Metadata.', ref('ModelMetadata')), ...NOT_FOUND },
      parameters,
    ),
    [`${base}/ready`]: get(
      'Model readiness.',
      { '200': answer('Ready.'), ...NOT_FOUND },
      parameters,
    ),
    [`${base}/infer`]: {
      post: {
        summary:
          'Inference: one FP32 input `features` [N, width], or one input per raw feature column.',
        parameters,
        requestBody: { required: true, content: json(ref('InferRequest')) },
        responses: {
          '200': answer(
            "Outputs by the model's task: binary `probability` FP32 [N] and `label` BYTES [N] (class text); multiclass `probabilities` FP32 [N, K] (class order in the model metadata's `parameters.classes`) and `label`; regression `value` FP32 [N] in the target's units.",
            ref('InferResponse'),
          ),
          ...BAD_INPUT,
          ...NOT_FOUND,
        },
      },
    },
  };
}

/** Every path the service answers, in OpenAPI form; serving's test keeps it equal to its route table. */
export const openapiPaths: Record<string, Operation> = {
  '/health/live': get('Liveness: the process answers.', { '200': answer('Live.') }),
  '/health/ready': get('Readiness: a verified model is loaded.', {
    '200': answer('Ready.'),
    '503': error('Not ready, with the reason.'),
  }),
  '/predict': {
    post: {
      summary:
        'Predict from raw features: one object, or {"instances": [...]} up to MAX_INSTANCES. Columns the input schema marks `id` or `ignore` are accepted and not used; `id` values are echoed back.',
      requestBody: { required: true, content: json(ref('PredictRequest')) },
      responses: {
        '200': answer(
          "Per instance, with the model: a classifier's label (class text), its probability and every class's probability; a regression's value in the target's units; the prediction id, and the instance's id columns.",
          ref('PredictResponse'),
        ),
        ...BAD_INPUT,
      },
    },
  },
  '/v2': get('Server metadata (Open Inference Protocol).', {
    '200': answer('Name, version, extensions.'),
  }),
  '/v2/health/live': get('Server liveness.', { '200': answer('Live.') }),
  '/v2/health/ready': get('Server readiness.', {
    '200': answer('Ready.'),
    '503': error('Not ready.'),
  }),
  ...modelPaths('/v2/models/{model}', MODEL_PARAMS),
  ...modelPaths('/v2/models/{model}/versions/{version}', VERSION_PARAMS),
  '/metrics': {
    get: {
      summary: 'Prometheus metrics.',
      responses: {
        '200': {
          description: 'Text exposition format.',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
      },
    },
  },
  '/openapi.json': get('This document.', { '200': answer('OpenAPI 3.1.') }),
  ...monitoringPaths,
  ...adminPaths,
};
