import express from 'express';
import type { Express, RequestHandler } from 'express';
import { MethodNotAllowedError, NotFoundError } from './serving-error.js';
import { listRoutes } from '../routes/route-table.js';
import type { ServingContext } from '../serving-context.js';
import { allowCors } from './allow-cors.js';
import { handleErrors } from './error-middleware.js';
import { measureRequests } from './http-metrics.js';
import { limitRequestRate } from './limit-request-rate.js';
import { readJsonBody } from './read-json-body.js';
import { rejectMalformedPaths } from './reject-malformed-paths.js';
import { setSecurityHeaders } from './security-headers.js';
import { trackRequests } from './request-context.js';

/**
 * The Express app: security headers (no CORS headers unless CORS_ORIGINS lists origins),
 * request ids and logs, metrics, CORS and rate limiting when configured, every route of the
 * route table, then 405/404, then the one error middleware.
 */
export function createApp(ctx: ServingContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(setSecurityHeaders);
  app.use(trackRequests(ctx.logger));
  app.use(measureRequests(ctx));
  const { corsOrigins, rateLimit } = ctx.config.safety;
  if (corsOrigins.length > 0) app.use(allowCors(corsOrigins));
  if (rateLimit) app.use(limitRequestRate(rateLimit, ctx.metrics));
  app.use(rejectMalformedPaths);
  const routes = listRoutes(ctx);
  const bodyReader = readJsonBody(ctx.config.bodyLimit, ctx.config.limits.maxJsonDepth);
  for (const route of routes) {
    const steps: RequestHandler[] = [nameRoute(route.path)];
    if (route.json) steps.push(bodyReader);
    app[route.method](route.path, ...steps, route.handler);
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

function nameRoute(template: string): RequestHandler {
  return (req, _res, next) => {
    req.routeTemplate = template;
    next();
  };
}
