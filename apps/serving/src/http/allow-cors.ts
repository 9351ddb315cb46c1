import type { RequestHandler } from 'express';

/** Headers a browser script may read from an answer. */
const EXPOSED = [
  'X-Request-Id',
  'X-Model-Name',
  'X-Model-Version',
  'X-Model-Variant',
  'Retry-After',
];

/**
 * CORS for the configured origins only (CORS_ORIGINS; `*` for any): answers their preflights
 * with 204 and adds `Access-Control-Allow-Origin` to their requests. Other origins get no CORS
 * headers, so browsers refuse the answer; without CORS_ORIGINS this middleware is not installed.
 */
export function allowCors(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.append('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !(any || allowed.has(origin.toLowerCase()))) return next();
    res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
    res.setHeader('Access-Control-Expose-Headers', EXPOSED.join(', '));
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
