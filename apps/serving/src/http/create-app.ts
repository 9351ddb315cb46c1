import type { RequestListener } from 'node:http';
import express from 'express';
import type { Express, RequestHandler } from 'express';
import { MethodNotAllowedError, NotFoundError } from './serving-error.js';
import type { Route } from '../routes/route.js';
import { listRoutes } from '../routes/route-table.js';
import type { ServingContext } from '../serving-context.js';
import { allowCors } from './allow-cors.js';
import { handleErrors } from './error-middleware.js';
import { measureRequests } from './http-metrics.js';
import { createRateLimiter, limitRequestRate, type RateLimiter } from './limit-request-rate.js';
import { readJsonBody } from './read-json-body.js';
import { rejectMalformedPaths } from './reject-malformed-paths.js';
import { setSecurityHeaders } from './security-headers.js';
import { trackRequests } from './request-context.js';
import { serveHotRoutes } from './serve-hot-routes.js';

/**
 * The server's request listener: the prediction routes (`hot`) are answered by the lean lane
 * (serveHotRoutes), every other request, and any unusual prediction request, by the app.
 */
export function createRequestListener(ctx: ServingContext): RequestListener {
  const { rateLimit, corsOrigins } = ctx.config.safety;
  const takeToken = rateLimit ? createRateLimiter(rateLimit, ctx.metrics) : null;
  const routes = listRoutes(ctx);
  const app = createApp(ctx, { front: listFrontMiddleware(ctx, takeToken), routes });
  const hot = routes.flatMap((route) =>
    route.hot ? [{ method: route.method.toUpperCase(), path: route.path, answer: route.hot }] : [],
  );
  return serveHotRoutes(app, hot, {
    logger: ctx.logger,
    metrics: ctx.metrics,
    status: ctx.status,
    bodyLimit: ctx.config.bodyLimit,
    maxJsonDepth: ctx.config.limits.maxJsonDepth,
    corsOrigins,
    takeToken,
    onError: handleErrors,
  });
}

/**
 * The Express app: security headers (no CORS headers unless CORS_ORIGINS lists origins),
 * request ids and logs, metrics, CORS and rate limiting when configured, every route of the
 * route table, then 405/404, then the one error middleware.
 */
export function createApp(
  ctx: ServingContext,
  {
    front = listFrontMiddleware(ctx, null),
    routes = listRoutes(ctx),
    bodyReader = readJsonBody(ctx.config.bodyLimit, ctx.config.limits.maxJsonDepth),
  }: { front?: RequestHandler[]; routes?: Route[]; bodyReader?: RequestHandler } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  for (const middleware of front) app.use(middleware);
  app.use(rejectMalformedPaths);
  for (const route of routes) {
    app[route.method](route.path, ...listRouteSteps(route, bodyReader), route.handler);
  }
  for (const path of new Set(routes.map((route) => route.path))) {
    const allow = routes
      .filter((route) => route.path === path)
      .map((route) => route.method.toUpperCase());
    app.all(path, nameRoute(path), (req) => {
      throw new MethodNotAllowedError(req.method, req.path, allow);
    });
  }
  app.use((req) => {
    throw new NotFoundError(
      `No route for ${req.method} ${req.path}; the API is described at /openapi.json.`,
    );
  });
  app.use(handleErrors);
  return app;
}

// --- internal ---

// What every request goes through first, in order (the rate limiter shared with the lean lane).
function listFrontMiddleware(ctx: ServingContext, takeToken: RateLimiter | null): RequestHandler[] {
  const front: RequestHandler[] = [
    setSecurityHeaders,
    trackRequests(ctx.logger),
    measureRequests(ctx),
  ];
  const { corsOrigins, rateLimit } = ctx.config.safety;
  if (corsOrigins.length > 0) front.push(allowCors(corsOrigins));
  if (rateLimit) {
    front.push(limitRequestRate(takeToken ?? createRateLimiter(rateLimit, ctx.metrics)));
  }
  return front;
}

// A route's own steps before its handler: its name for metrics and logs, then its body.
function listRouteSteps(
  route: { path: string; json?: boolean },
  bodyReader: RequestHandler,
): RequestHandler[] {
  return route.json ? [nameRoute(route.path), bodyReader] : [nameRoute(route.path)];
}

function nameRoute(template: string): RequestHandler {
  return (req, _res, next) => {
    req.routeTemplate = template;
    next();
  };
}
