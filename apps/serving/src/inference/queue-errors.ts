import { ServingError } from '../http/serving-error.js';

/** The batching queue holds BATCH_MAX_QUEUE_ROWS rows already: shed load (503, Retry-After). */
export class BatchQueueFullError extends ServingError {
  constructor(waitingRows: number, rows: number) {
    super(
      'E_QUEUE_FULL',
      503,
      `The batching queue is full (${waitingRows} rows waiting, ${rows} more asked); retry after a second, or raise BATCH_MAX_QUEUE_ROWS or WORKERS.`,
      { retryAfter: 1 },
    );
  }
}

/** Rows waited longer than BATCH_QUEUE_TIMEOUT_MS for a worker (503, Retry-After). */
export class QueueTimeoutError extends ServingError {
  constructor(timeoutMs: number) {
    super(
      'E_QUEUE_TIMEOUT',
      503,
      `The request waited more than ${timeoutMs} ms (BATCH_QUEUE_TIMEOUT_MS) for an inference worker; retry after a second, or raise WORKERS.`,
      { retryAfter: 1 },
    );
  }
}
