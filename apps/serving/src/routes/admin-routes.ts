import type { Request, RequestHandler, Response } from 'express';
import { readJsonBody } from '../http/read-json-body.js';
import { parseRolloutRequest } from '../rollouts/parse-rollout-request.js';
import type { Route, RouteGroup } from './route.js';
import type { ServingContext } from '../serving-context.js';
import { authorizeAdmin } from '../http/authorize-admin.js';

/**
 * The token-protected admin API: the rollout (state, start, promote, rollback, abort) and an
 * immediate registry poll. Every handler authorizes first, before reading any body.
 */
export const adminRoutes: RouteGroup = (ctx) => {
  const { rollouts } = ctx;
  return [
    admin(ctx, 'get', '/admin/rollout', () => rollouts.status()),
    admin(ctx, 'post', '/admin/rollout', async (req, res) => {
      await readBody(ctx, req, res);
      const status = await rollouts.start(parseRolloutRequest(req.body));
      res.status(202);
      return status;
    }),
    admin(ctx, 'post', '/admin/rollout/promote', () => rollouts.promote()),
    admin(ctx, 'post', '/admin/rollout/rollback', () => rollouts.rollback()),
    admin(ctx, 'delete', '/admin/rollout', () => rollouts.abort()),
    admin(ctx, 'post', '/admin/reload', () => {
      ctx.peers.broadcast({ kind: 'reload' });
      return ctx.registryWatcher.poll({ force: true });
    }),
  ];
};

// --- internal ---

function admin(
  ctx: ServingContext,
  method: Route['method'],
  path: string,
  answer: (req: Request, res: Response) => unknown,
): Route {
  return {
    method,
    path,
    handler: async (req, res) => {
      authorizeAdmin(ctx.config.adminToken, req, res);
      const body = await answer(req, res);
      res.json(body);
    },
  };
}

// The body is read after authorization, so an anonymous caller learns nothing from parse errors.
function readBody(ctx: ServingContext, req: Request, res: Response): Promise<void> {
  const reader: RequestHandler = readJsonBody(ctx.config.bodyLimit, ctx.config.limits.maxJsonDepth);
  return new Promise((resolve, reject) => {
    void reader(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });
}
