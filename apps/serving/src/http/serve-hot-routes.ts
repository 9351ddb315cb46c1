import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  RequestListener,
  ServerResponse,
} from 'node:http';
import type { ErrorRequestHandler, Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { CounterSeries, HistogramSeries } from '../monitoring/lean-metrics.js';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { AnswerPrediction, HotAnswer, HotRequest } from '../routes/route.js';
import type { ServingStatus } from '../serving-status.js';
import type { LogRequest } from '../create-service-logger.js';
import { createRequestLog } from '../create-service-logger.js';
import { allowCorsOrigin, EXPOSED_HEADERS } from './allow-cors.js';
import type { RateLimiter } from './limit-request-rate.js';
import { readJsonRequest } from './read-json-body.js';
import { VALID_REQUEST_ID } from './request-context.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** A prediction route the lean lane answers: its method, path template and answer. */
export interface HotRoute {
  method: string;
  /** Express path template; `:name` segments become `params.name`. */
  path: string;
  answer: AnswerPrediction;
}

/** What the lean lane does for every request, as the app's middleware does for the others. */
export interface HotLaneOptions {
  logger: Logger;
  metrics: ServingMetrics;
  status: ServingStatus;
  bodyLimit: number;
  maxJsonDepth: number;
  /** CORS_ORIGINS; empty: no CORS headers. */
  corsOrigins: readonly string[];
  /** The service's rate limiter (the app's middleware takes from the same buckets), if any. */
  takeToken: RateLimiter | null;
  /** The app's error middleware: every refusal is the app's own answer. */
  onError: ErrorRequestHandler;
}

/**
 * The lean lane of the prediction routes: everything the app's middleware does for a request
 * (security headers, request id and log line, HTTP metrics, CORS, rate limit, strict JSON body)
 * done straight on node's request and response, then the route's answer written with one
 * `writeHead` of a precomputed header list: no router walk, no per-request prototypes, child
 * logger or header-by-header `setHeader`. A refusal switches the request to Express's objects
 * and goes through the app's error middleware, so every error answer is the app's. Anything
 * unusual (another method, a query string, percent-encoding, another letter case or a trailing
 * slash) is handed to the app unchanged.
 */
export function serveHotRoutes(
  app: Express,
  routes: readonly HotRoute[],
  options: HotLaneOptions,
): RequestListener {
  // Per route, once: its pattern, its request line (method and path serialized once) and, by
  // status, its metric series (bound once: no label key per request).
  const matchers = routes.map((route): LaneRoute & ReturnType<typeof compilePath> => ({
    ...route,
    ...compilePath(route.path),
    logRequest: createRequestLog(options.logger, { method: route.method, route: route.path }),
    seriesByStatus: new Map(),
  }));
  const fallback = app as unknown as RequestListener;
  const lane = createLane(app, options);
  return (incoming, outgoing) => {
    const url = incoming.url ?? '';
    if (url.includes('%') || url.includes('?')) return fallback(incoming, outgoing);
    for (const route of matchers) {
      if (incoming.method !== route.method) continue;
      const match = route.pattern.exec(url);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (let index = 0; index < route.names.length; index++) {
        params[route.names[index]] = match[index + 1];
      }
      return lane(incoming, outgoing, route, params);
    }
    fallback(incoming, outgoing);
  };
}

// --- internal ---

/** A route's metric series for one status. */
interface RouteSeries {
  requests: CounterSeries;
  duration: HistogramSeries;
}

/** A route with what the lane keeps for it. */
interface LaneRoute extends HotRoute {
  logRequest: LogRequest;
  seriesByStatus: Map<number, RouteSeries>;
}

type Lane = (
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  route: LaneRoute,
  params: Record<string, string>,
) => void;

const JSON_UTF8 = 'application/json; charset=utf-8';

function createLane(app: Express, options: HotLaneOptions): Lane {
  const { logger, metrics, status, bodyLimit, maxJsonDepth, takeToken, onError } = options;
  const constant: string[] = SECURITY_HEADERS.flatMap(([name, value]) => [name, value]);
  const cors = options.corsOrigins.length > 0 ? allowCorsOrigin(options.corsOrigins) : null;
  if (cors) constant.push('Vary', 'Origin');
  // The headers every answer starts with, then its request id and an allowed origin's CORS
  // headers (none without CORS_ORIGINS).
  const startHeaders = (id: string, origin: string | undefined): string[] => {
    const headers = constant.slice();
    headers.push('X-Request-Id', id);
    const allowed = cors?.(origin) ?? null;
    if (allowed !== null) {
      headers.push('Access-Control-Allow-Origin', allowed);
      headers.push('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    return headers;
  };
  const seriesOf = (route: LaneRoute, status: number): RouteSeries => {
    let series = route.seriesByStatus.get(status);
    if (!series) {
      const labels = { route: route.path, method: route.method, status: String(status) };
      series = {
        requests: metrics.httpRequests.series(labels),
        duration: metrics.httpDuration.series(labels),
      };
      route.seriesByStatus.set(status, series);
    }
    return series;
  };

  return (incoming, outgoing, route, params) => {
    const started = performance.now();
    const header = incoming.headers['x-request-id'];
    const id = typeof header === 'string' && VALID_REQUEST_ID.test(header) ? header : randomUUID();
    status.inFlight++;
    let finished = false;

    // The request's metrics and log line, once, whichever way it ended.
    const finish = (): void => {
      if (finished) return;
      finished = true;
      status.inFlight--;
      const series = seriesOf(route, outgoing.statusCode);
      series.requests.inc();
      const ms = performance.now() - started;
      series.duration.observe(ms / 1000);
      route.logRequest(id, outgoing.statusCode, Math.round(ms * 100) / 100);
    };

    // A refusal or failure: the app's error middleware answers on Express's request and response.
    const fail = (error: unknown, closeConnection = false): void => {
      if (finished) {
        // The answer went out; what failed after it (the shadow's start) is only logged.
        logger.error({ err: error, reqId: id }, 'unexpected error after the answer');
        return;
      }
      if (!outgoing.headersSent) {
        const headers = startHeaders(id, incoming.headers.origin);
        for (let index = 0; index < headers.length; index += 2) {
          outgoing.setHeader(headers[index], headers[index + 1]);
        }
        if (closeConnection) outgoing.setHeader('Connection', 'close');
      }
      const req = toExpress(app, incoming, outgoing, params, id, route.path, logger);
      onError(error, req, req.res as Response, () => incoming.socket.destroy());
      if (outgoing.writableEnded) finish();
      else outgoing.once('close', finish);
    };

    const send = (answer: HotAnswer): void => {
      if (finished) return;
      const json = JSON.stringify(answer.body);
      const { name, version, variant } = answer.model.key;
      const headers = startHeaders(id, incoming.headers.origin);
      headers.push('X-Model-Name', name, 'X-Model-Version', version, 'X-Model-Variant', variant);
      headers.push('Content-Type', JSON_UTF8, 'Content-Length', String(Buffer.byteLength(json)));
      outgoing.writeHead(200, headers);
      outgoing.end(json);
      finish();
      answer.afterAnswer();
    };

    const refused = takeToken?.(incoming.socket.remoteAddress ?? 'unknown') ?? null;
    if (refused) return fail(refused);
    readJsonRequest(incoming, bodyLimit, maxJsonDepth, (error, body, closeConnection) => {
      if (error) return fail(error, closeConnection);
      const req: HotRequest = {
        method: route.method,
        headers: incoming.headers as IncomingHttpHeaders,
        res: outgoing,
        body,
        params,
        id,
      };
      let answering: Promise<HotAnswer>;
      try {
        answering = route.answer(req);
      } catch (thrown) {
        return fail(thrown);
      }
      answering
        .then(send)
        .then(undefined, (reason: unknown) => fail(reason ?? new Error('Rejected promise')));
    });
  };
}

// The request as the app's error middleware expects it: Express's prototypes and what the app's
// middleware sets (id, route template, a logger carrying the id).
function toExpress(
  app: Express,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  params: Record<string, string>,
  id: string,
  template: string,
  logger: Logger,
): Request {
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
  req.id = id;
  req.routeTemplate = template;
  req.log = logger.child({ reqId: id });
  return req;
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
