import { ModelshipError } from '@modelship/core';
import { formatClientValue } from '../input/describe-json-value.js';

/** Options of a ServingError beyond its code, status and message. */
export interface ServingErrorOptions extends ErrorOptions {
  /** Seconds a client should wait before retrying; sent as `Retry-After`. */
  retryAfter?: number;
}

/**
 * Base class of every expected failure in serving. `code` is stable for clients and scripts;
 * `status` is the HTTP status the error middleware answers with; the message names the field
 * and the reason, and is sent as `{ "error": message }`.
 */
export class ServingError extends ModelshipError {
  readonly retryAfter: number | undefined;

  constructor(
    code: string,
    readonly status: number,
    message: string,
    options: ServingErrorOptions = {},
  ) {
    super(message, { cause: options.cause, code });
    this.retryAfter = options.retryAfter;
  }
}

/** The request is malformed or its values cannot be model inputs (400). */
export class BadRequestError extends ServingError {
  constructor(message: string, code = 'E_BAD_REQUEST') {
    super(code, 400, message);
  }
}

/** No such route, model or version (404). */
export class NotFoundError extends ServingError {
  constructor(message: string) {
    super('E_NOT_FOUND', 404, message);
  }
}

/** No verified model is loaded yet, or the service is shutting down (503). */
export class NotReadyError extends ServingError {
  constructor(message = 'No verified model is loaded yet; retry once /health/ready answers 200.') {
    super('E_NOT_READY', 503, message, { retryAfter: 1 });
  }
}

/** The inference queue is full: shed load instead of queueing without bound (503). */
export class OverloadedError extends ServingError {
  constructor(queued: number) {
    super(
      'E_OVERLOADED',
      503,
      `The inference queue is full (${queued} requests waiting); retry after a second, or raise MAX_QUEUE or WORKERS.`,
      { retryAfter: 1 },
    );
  }
}

/** A worker failed to score a batch (500): a bug or a model that does not fit its inputs. */
export class InferenceError extends ServingError {
  constructor(message: string, options?: ErrorOptions) {
    super('E_INFERENCE', 500, message, options);
  }
}

/** The body is not JSON (415). */
export class UnsupportedMediaTypeError extends ServingError {
  constructor(contentType: string | undefined) {
    super(
      'E_CONTENT_TYPE',
      415,
      `Content-Type must be application/json, got ${contentType ? formatClientValue(contentType) : 'none'}.`,
    );
  }
}

/** The body is larger than BODY_LIMIT (413). */
export class PayloadTooLargeError extends ServingError {
  constructor(limit: number) {
    super(
      'E_BODY_TOO_LARGE',
      413,
      `The body is larger than ${limit} bytes (BODY_LIMIT); send fewer instances per request.`,
    );
  }
}

/** The path exists but not with this method (405). */
export class MethodNotAllowedError extends ServingError {
  constructor(
    method: string,
    path: string,
    readonly allow: string[],
  ) {
    super('E_METHOD', 405, `${method} is not allowed on ${path}; use ${allow.join(' or ')}.`);
  }
}

/** Where a model's output went wrong: the row, the value, and the class for multiclass. */
export interface ModelOutputFault {
  row: number;
  score: number;
  /** Multiclass: the class whose probability it was. */
  className?: string;
  /** What the value should have been: "a probability in [0, 1]" or "a finite number". */
  expected: string;
}

/**
 * The model scored a row as something that is not a probability (NaN, Infinity), or, for
 * regression, as a value that is not a finite number. The model was warmed with a typical row
 * when it loaded, so this comes from the row's inputs: values far outside the training data (a
 * tensor of 3e38s) that overflow the model's float32 arithmetic. Answered 422 naming the row,
 * never as a 200 and never logged for feedback; it is logged as a warning.
 */
export class ModelOutputError extends ServingError {
  constructor(model: string, version: string, fault: ModelOutputFault) {
    const of = fault.className === undefined ? '' : ` for class "${fault.className}"`;
    super(
      'E_MODEL_OUTPUT',
      422,
      `Model ${model} v${version} scored row ${fault.row} as ${fault.score}${of}, not ${fault.expected}: its inputs are too far outside the training data for the model's float32 arithmetic; nothing was answered or logged. Send values in the range the model was trained on.`,
    );
  }
}

/** The request is well formed but conflicts with the service's state (409). */
export class ConflictError extends ServingError {
  constructor(message: string, code = 'E_CONFLICT') {
    super(code, 409, message);
  }
}
