/** The OpenAPI paths of the admin API (src/admin/admin-routes.ts): rollouts and reload. */

const json = (schema: unknown) => ({ 'application/json': { schema } });
const answer = (description: string, schema: unknown) => ({ description, content: json(schema) });
const error = (description: string) => answer(description, { $ref: '#/components/schemas/Error' });

const MODEL_REF = {
  type: 'object',
  required: ['name', 'version'],
  properties: { name: { type: 'string' }, version: { type: 'string' } },
};
const STATUS = {
  type: 'object',
  required: ['strategy', 'state', 'stable', 'candidate', 'weights', 'step', 'checks', 'history'],
  properties: {
    strategy: { enum: ['none', 'shadow', 'canary', 'blue_green', 'ab'] },
    state: {
      enum: ['idle', 'loading', 'running', 'promoted', 'rolled_back', 'aborted', 'switched'],
    },
    stable: { oneOf: [MODEL_REF, { type: 'null' }] },
    candidate: { oneOf: [MODEL_REF, { type: 'null' }] },
    weights: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
    step: { type: ['integer', 'null'] },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          check: { enum: ['error_rate', 'p99_latency', 'live_accuracy'] },
          result: { enum: ['passed', 'failed', 'inconclusive'] },
          detail: { type: 'string' },
        },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          event: { type: 'string' },
          detail: { type: 'string' },
        },
      },
    },
  },
};
const START = {
  type: 'object',
  required: ['strategy'],
  description:
    'The candidate is `version` or the newest version in `stage` (default staging); the other fields are the strategy options (README: Rollouts and the admin API).',
  properties: {
    strategy: { enum: ['shadow', 'canary', 'blue_green', 'ab'] },
    version: { type: 'integer', minimum: 1 },
    stage: { enum: ['staging', 'production'] },
    steps: { type: 'array', items: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
    intervalMs: { type: 'integer', minimum: 10 },
    minSamples: { type: 'integer', minimum: 1 },
    maxErrorRateIncrease: { type: 'number', minimum: 0, maximum: 1 },
    maxP99Ratio: { type: 'number', minimum: 1 },
    p99ToleranceMs: { type: 'number', minimum: 0 },
    failureThreshold: { type: 'integer', minimum: 1 },
    minLabelledRows: {
      type: 'integer',
      minimum: 1,
      description: 'canary live_accuracy: labelled predictions needed on each side (default 50)',
    },
    maxAccuracyDrop: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'canary live_accuracy: largest tolerated stable minus candidate accuracy (0.05)',
    },
    sampleRate: { type: 'number', minimum: 0, maximum: 1 },
    split: { type: 'number', minimum: 0, maximum: 1 },
    keyHeader: { type: 'string' },
    rollbackWindowMs: { type: 'integer', minimum: 0 },
  },
};
const AUTH = {
  '401': error(
    'Missing or wrong `Authorization: Bearer <ADMIN_TOKEN>` (WWW-Authenticate: Bearer).',
  ),
  '404': error('The admin API is disabled (ADMIN_TOKEN unset).'),
};
const SECURITY = [{ adminToken: [] }];
const act = (summary: string) => ({
  summary,
  security: SECURITY,
  responses: {
    '200': answer('The rollout status.', STATUS),
    ...AUTH,
    '409': error('No rollout to act on.'),
  },
});

export const adminPaths = {
  '/admin/rollout': {
    get: {
      summary: 'The rollout: strategy, state, versions, weights, step, checks, history.',
      security: SECURITY,
      responses: { '200': answer('The rollout status.', STATUS), ...AUTH },
    },
    post: {
      summary: 'Start a rollout (one at a time); the candidate loads in the background.',
      security: SECURITY,
      requestBody: { required: true, content: json(START) },
      responses: {
        '202': answer('Started: state `loading`.', STATUS),
        '400': error('A field is invalid; the message names it.'),
        ...AUTH,
        '409': error('A rollout is running, or the candidate is already stable.'),
      },
    },
    delete: act('Abort the rollout: all traffic to stable, nothing written to the registry.'),
  },
  '/admin/rollout/promote': {
    post: act('Promote the candidate: it becomes stable and production in the registry.'),
  },
  '/admin/rollout/rollback': {
    post: act('Roll back: all traffic to stable; the candidate is archived in the registry.'),
  },
  '/admin/reload': {
    post: {
      summary: 'Poll the registry now; hot-swap if the watched stage moved.',
      security: SECURITY,
      responses: {
        '200': answer('Whether the stable version changed, and the version serving.', {
          type: 'object',
          required: ['swapped', 'version'],
          properties: { swapped: { type: 'boolean' }, version: { type: ['string', 'null'] } },
        }),
        ...AUTH,
      },
    },
  },
};

/** The bearer scheme the admin paths use. */
export const adminSecuritySchemes = {
  adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
};
