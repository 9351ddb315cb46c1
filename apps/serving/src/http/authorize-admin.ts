import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { NotFoundError, ServingError } from './serving-error.js';

/** The bearer token is missing or wrong (401, with `WWW-Authenticate: Bearer`). */
export class AdminAuthError extends ServingError {
  constructor(message: string) {
    super('E_ADMIN_AUTH', 401, message);
  }
}

/**
 * Lets a request through to the admin API only with `Authorization: Bearer <ADMIN_TOKEN>`.
 * Without ADMIN_TOKEN the admin API does not exist (404). Both sides are hashed with sha256
 * first, so the constant-time comparison never depends on the token's length.
 */
export function authorizeAdmin(token: string | null, req: Request, res: Response): void {
  if (token === null) {
    throw new NotFoundError('The admin API is disabled: set ADMIN_TOKEN to enable it.');
  }
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !timingSafeEqual(digest(match[1]), digest(token))) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw new AdminAuthError(
      match
        ? 'The admin token is wrong.'
        : 'The admin API needs `Authorization: Bearer <ADMIN_TOKEN>`.',
    );
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
