import type { RequestHandler } from 'express';
import { BadRequestError } from './serving-error.js';

/**
 * Answers a path that is not valid percent-encoding (`/v2/models/%ZZ`) with 400 before routing,
 * where decoding route parameters would otherwise throw an untyped error (a 500).
 */
export const rejectMalformedPaths: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    return next(
      new BadRequestError(
        'The URL path is not valid percent-encoding (for example a lone `%`); encode it with encodeURIComponent.',
        'E_BAD_PATH',
      ),
    );
  }
  next();
};
