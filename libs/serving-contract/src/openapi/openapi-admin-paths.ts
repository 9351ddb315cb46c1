/** The OpenAPI paths of the admin API (serving's routes/admin-routes.ts): rollouts and reload. */
import { answer, error, json, ref } from './openapi-helpers.js';

const STATUS = ref('RolloutStatus');
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
      requestBody: { required: true, content: json(ref('RolloutStartRequest')) },
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
        '200': answer(
          'Whether the stable version changed, and the version serving.',
          ref('ReloadResult'),
        ),
        ...AUTH,
      },
    },
  },
};

/** The bearer scheme the admin paths use. */
export const adminSecuritySchemes = {
  adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
};
