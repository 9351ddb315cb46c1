import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id: the caller's valid `X-Request-Id`, else a new UUID. */
    id: string;
    /** The route template that matched ("/v2/models/:model/infer"), for metrics and logs. */
    routeTemplate: string;
    log: Logger;
  }
}

/** A caller's `X-Request-Id` the service keeps (else it makes one). */
export const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives each request an id (echoed in `X-Request-Id`) and a child logger carrying it, and logs
 * one line when the response finishes: method, route, status and time, never feature values.
 */
export function trackRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id =
      typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.routeTemplate = 'unmatched';
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        {
          method: req.method,
          route: req.routeTemplate,
          status: res.statusCode,
          ms: Math.round(ms * 100) / 100,
        },
        'request',
      );
    });
    next();
  };
}
