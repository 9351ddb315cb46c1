import type { RequestHandler } from 'express';

/** Headers a browser script may read from an answer. */
export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'X-Model-Name',
  'X-Model-Version',
  'X-Model-Variant',
  'Retry-After',
].join(', ');

/** The `Access-Control-Allow-Origin` value for a request's origin, or null for none. */
export function allowCorsOrigin(
  origins: readonly string[],
): (origin: string | undefined) => string | null {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (origin) => {
    if (origin === undefined || !(any || allowed.has(origin.toLowerCase()))) return null;
    return any ? '*' : origin;
  };
}

/**
 * CORS for the configured origins only (CORS_ORIGINS; `*` for any): answers their preflights
 * with 204 and adds `Access-Control-Allow-Origin` to their requests. Other origins get no CORS
 * headers, so browsers refuse the answer; without CORS_ORIGINS this middleware is not installed.
 */
export function allowCors(origins: readonly string[]): RequestHandler {
  const allowOrigin = allowCorsOrigin(origins);
  return (req, res, next) => {
    res.append('Vary', 'Origin');
    const allowed = allowOrigin(req.headers.origin);
    if (allowed === null) return next();
    res.setHeader('Access-Control-Allow-Origin', allowed);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'];
    if (!preflight) return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE');
    const requested = req.headers['access-control-request-headers'];
    res.setHeader(
      'Access-Control-Allow-Headers',
      typeof requested === 'string' && /^[\w-]+(?:\s*,\s*[\w-]+)*$/.test(requested)
        ? requested
        : 'Content-Type, Authorization, X-Request-Id',
    );
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
