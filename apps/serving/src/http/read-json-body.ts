import type { RequestHandler } from 'express';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './serving-error.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a JSON body into `req.body`: faster than express.json() on the hot path, and strict.
 * Wrong content type: 415. Over `limit` bytes (declared or streamed): 413, and the connection is
 * closed rather than drained. Empty or malformed JSON: 400 naming the parser's position.
 */
export function readJsonBody(limit: number): RequestHandler {
  return (req, res, next) => {
    const type = req.headers['content-type'];
    if (type === undefined || !JSON_TYPE.test(type)) {
      res.setHeader('Connection', 'close');
      return next(new UnsupportedMediaTypeError(type));
    }
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      res.setHeader('Connection', 'close');
      return next(new PayloadTooLargeError(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        res.setHeader('Connection', 'close');
        next(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
      if (text.trim() === '')
        return next(new BadRequestError('The body is empty; send a JSON object.', 'E_JSON'));
      try {
        req.body = JSON.parse(text) as unknown;
      } catch (error) {
        return next(
          new BadRequestError(`The body is not valid JSON: ${(error as Error).message}.`, 'E_JSON'),
        );
      }
      next();
    });
    req.on('error', (error) => {
      if (failed) return;
      failed = true;
      next(new BadRequestError(`The body could not be read: ${error.message}.`, 'E_BODY_READ'));
    });
  };
}
