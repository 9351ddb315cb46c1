import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';

/** A route answered without Express's router: its method, path template and every step. */
export interface HotRoute {
  method: string;
  /** Express path template; `:name` segments become `req.params.name`. */
  path: string;
  /** The app's middleware, then the route's own steps and handler, in the order Express runs them. */
  steps: readonly RequestHandler[];
}

/**
 * Express's request handling for the routes every prediction takes, without the router's walk
 * through each middleware layer and route pattern: the same middleware and handler functions run
 * in the same order, on requests given the app's request and response prototypes, and errors go
 * to the same error middleware. Anything else, and anything unusual about a hot request (another
 * method, a query string, percent-encoding, another letter case or a trailing slash), is handed
 * to the app unchanged, so every answer stays the app's.
 */
export function serveHotRoutes(
  app: Express,
  routes: readonly HotRoute[],
  onError: ErrorRequestHandler,
): RequestListener {
  const matchers = routes.map((route) => ({ ...route, ...compilePath(route.path) }));
  const fallback = app as unknown as RequestListener;
  return (incoming, outgoing) => {
    const url = incoming.url ?? '';
    if (url.includes('%') || url.includes('?')) return fallback(incoming, outgoing);
    for (const route of matchers) {
      if (incoming.method !== route.method) continue;
      const match = route.pattern.exec(url);
      if (!match) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = match[index + 1]));
      return run(app, incoming, outgoing, params, route.steps, onError);
    }
    fallback(incoming, outgoing);
  };
}

// --- internal ---

function run(
  app: Express,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  params: Record<string, string>,
  steps: readonly RequestHandler[],
  onError: ErrorRequestHandler,
): void {
  // What Express's app.handle and router set before the first middleware runs.
  Object.setPrototypeOf(incoming, app.request);
  Object.setPrototypeOf(outgoing, app.response);
  const req = incoming as Request;
  const res = outgoing as Response;
  req.res = res;
  res.req = req;
  res.locals ??= Object.create(null) as Response['locals'];
  req.originalUrl = req.url;
  req.baseUrl = '';
  req.params = params;
  let index = 0;
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    // Express's final handler: an error after the headers went out can only cut the connection.
    onError(error, req, res, () => req.socket.destroy());
  };
  const next = (error?: unknown): void => {
    if (error !== undefined && error !== null) return fail(error);
    const step = steps[index++];
    if (!step) return fail(new Error(`${req.method} ${req.path}: no step answered`));
    try {
      const result = step(req, res, next) as unknown;
      if (result instanceof Promise) {
        result.then(undefined, (reason: unknown) => fail(reason ?? new Error('Rejected promise')));
      }
    } catch (thrown) {
      fail(thrown);
    }
  };
  next();
}

// A template such as `/v2/models/:model/infer` as an anchored pattern, one group per parameter.
function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}
