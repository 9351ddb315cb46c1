import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers every answer carries, Express's and the parser's own 400/408/431 alike:
 * the set OWASP's REST Security Cheat Sheet gives for API responses, which is what this service
 * sends (JSON, and the metrics' text): no caching (a prediction is about someone), no framing,
 * no MIME sniffing, HTTPS only, no referrer, no cross-origin embedding, and a content policy that
 * allows nothing. Helmet's defaults for HTML pages (script and style sources, opener and
 * origin-agent isolation, IE's and Flash's switches) protect documents a browser renders; an API
 * has none, and each answer carried 0.9 KB of them. Read once at start (no per-request values).
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Cache-Control', 'no-store'],
  ...readHelmetHeaders(),
];

/** Sets SECURITY_HEADERS on every response. */
export const setSecurityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};

// --- internal ---

// One source of truth for the values: what helmet sets with the API's options, recorded from a
// response stand-in, so a helmet upgrade changes both kinds of answer together.
function readHelmetHeaders(): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  const run = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }) as unknown as (req: unknown, res: unknown, next: (e?: unknown) => void) => void;
  run({}, recorder, (error) => {
    if (error) throw error;
  });
  return headers;
}
