import { NotReadyError } from '../http/serving-error.js';
import { describeNotReady } from './health-routes.js';
import type { RouteGroup } from './route.js';

/** Open Inference Protocol (V2): server metadata, liveness and readiness. */
export const v2ServerRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/v2',
    handler: (_req, res) => {
      res.json({ name: 'modelship', version: SERVER_VERSION, extensions: [] });
    },
  },
  {
    method: 'get',
    path: '/v2/health/live',
    handler: (_req, res) => {
      res.json({ live: true });
    },
  },
  {
    method: 'get',
    path: '/v2/health/ready',
    handler: (_req, res) => {
      const reason = describeNotReady(ctx);
      if (reason) throw new NotReadyError(reason);
      res.json({ ready: true });
    },
  },
];

const SERVER_VERSION = '0.1.0';
