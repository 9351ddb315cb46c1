import type { RequestHandler } from 'express';
import {
  BadRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './serving-error.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** MAX_JSON_DEPTH's default: real bodies nest 3 to 6 levels (a V2 tensor of rank 3 is 6). */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/**
 * Reads a JSON body into `req.body`: faster than express.json() on the hot path, and strict.
 * Wrong content type: 415. Over `limit` bytes (declared or streamed): 413, and the connection is
 * closed rather than drained. Empty or malformed JSON, or arrays and objects nested deeper than
 * `maxDepth` (checked on the bytes, before parsing): 400 naming the position.
 */
export function readJsonBody(limit: number, maxDepth = DEFAULT_MAX_JSON_DEPTH): RequestHandler {
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
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      const tooDeep = findNestingBeyond(bytes, maxDepth);
      if (tooDeep >= 0) {
        return next(
          new BadRequestError(
            `The body nests arrays and objects deeper than ${maxDepth} levels (MAX_JSON_DEPTH), at byte ${tooDeep}; send flat feature values.`,
            'E_JSON_DEPTH',
          ),
        );
      }
      const text = bytes.toString('utf8');
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

// --- internal ---

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * The offset of the first `[` or `{` that opens level `maxDepth + 1`, or -1. A loop over the raw
 * bytes (structural characters are ASCII, so UTF-8 needs no decoding): no recursion, no
 * allocation, and nothing deep is ever built. Malformed JSON is left to JSON.parse.
 */
function findNestingBeyond(bytes: Uint8Array, maxDepth: number): number {
  if (bytes.length <= maxDepth) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > maxDepth) return i;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return -1;
}
