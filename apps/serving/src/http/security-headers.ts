import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers every answer carries, Express's and the parser's own 400/408/431 alike:
 * helmet's defaults, read once at start (they hold no per-request values such as nonces).
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = readHelmetHeaders();

/** Sets SECURITY_HEADERS on every response. */
export const setSecurityHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
};

// --- internal ---

// One source of truth: what helmet would set, recorded from a response stand-in, so a helmet
// upgrade changes both kinds of answer together.
function readHelmetHeaders(): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  const run = helmet() as unknown as (
    req: unknown,
    res: unknown,
    next: (e?: unknown) => void,
  ) => void;
  run({}, recorder, (error) => {
    if (error) throw error;
  });
  return headers;
}
