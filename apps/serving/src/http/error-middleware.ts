import type { ErrorRequestHandler } from 'express';
import { MethodNotAllowedError, ServingError } from './serving-error.js';

/**
 * The one place errors become HTTP answers, registered last: a ServingError answers with its
 * status and message as `{ "error": "..." }` (and `Retry-After` when it has one); anything else
 * is a 500 that names the request id and is logged with its stack.
 */
export const handleErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  if (error instanceof ServingError) {
    if (error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter));
    if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allow.join(', '));
    if (error.status >= 500) req.log.warn({ code: error.code }, error.message);
    else req.log.debug({ code: error.code }, error.message);
    res.status(error.status).json({ error: error.message });
    return;
  }
  req.log.error({ err: error }, 'unexpected error');
  res
    .status(500)
    .json({ error: `Internal error; the server log has details under request id ${req.id}.` });
};
