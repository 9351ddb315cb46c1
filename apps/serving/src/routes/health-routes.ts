import type { ServingContext } from '../serving-context.js';
import type { RouteGroup } from './route.js';

/** Why the service is not ready, or null when it is. */
export function describeNotReady(ctx: ServingContext): string | null {
  if (ctx.status.shuttingDown) return 'The service is shutting down.';
  if (ctx.slots.stable) return null;
  return ctx.status.loadError
    ? `No verified model is loaded: ${ctx.status.loadError}`
    : 'No verified model is loaded yet.';
}

/** Liveness (the process answers) and readiness (a verified model is loaded, not shutting down). */
export const healthRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/health/live',
    handler: (_req, res) => {
      res.json({ status: 'live' });
    },
  },
  {
    method: 'get',
    path: '/health/ready',
    handler: (_req, res) => {
      const reason = describeNotReady(ctx);
      if (reason) {
        res.status(503).json({ status: 'not ready', error: reason });
        return;
      }
      res.json({
        status: 'ready',
        models: ctx.slots.all().map((model) => ({ ...model.key, stage: model.stage })),
      });
    },
  },
];
