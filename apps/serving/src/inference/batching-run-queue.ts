import { performance } from 'node:perf_hooks';
import type { ServingError } from '../http/serving-error.js';
import { BatchQueueFullError, QueueTimeoutError } from './queue-errors.js';
import type { PendingRun, RunQueue, WorkerRun } from './run-queue.js';

/** Dynamic batching: how callers' rows are gathered into one worker run. */
export interface BatchingOptions {
  /** Rows per worker run at most (a single larger request still runs, alone). @default 64 */
  maxRows: number;
  /** How long the oldest waiting rows may be held back to fill a batch. @default 2 */
  maxDelayMs: number;
  /** Rows waiting at most; beyond it callers are refused (503 queue_full). @default 1024 */
  maxQueueRows: number;
  /** Rows waiting longer than this are dropped (503 queue_timeout). @default 1000 */
  queueTimeoutMs: number;
}

/**
 * Gathers callers' rows, first in first out, into worker runs of up to `maxRows` rows. A batch
 * starts when it is full, when its oldest rows have waited `maxDelayMs`, or at once when nothing
 * is running (so a lone request at low load never waits for the delay). Rows are concatenated in
 * arrival order; the pool splits the output back to each caller.
 */
export class BatchingRunQueue implements RunQueue {
  private readonly runs: PendingRun[] = [];
  private rows = 0;
  private delayTimer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private timeoutTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: BatchingOptions,
    /** Called when held-back rows become due, so the pool `take`s them. */
    private readonly wake: () => void,
    /** Called for each caller dropped by the queue timeout (after its promise is rejected). */
    private readonly onTimeout: () => void,
  ) {}

  get waiting(): number {
    return this.runs.length;
  }

  refuse(rows: number): ServingError | null {
    // An empty queue takes any request, so one larger than the limit is not refused forever.
    return this.rows > 0 && this.rows + rows > this.options.maxQueueRows
      ? new BatchQueueFullError(this.rows, rows)
      : null;
  }

  push(run: PendingRun): void {
    this.runs.push(run);
    this.rows += run.rows;
    if (this.runs.length === 1) this.armTimeout();
  }

  requeue(runs: PendingRun[]): void {
    this.runs.unshift(...runs);
    for (const run of runs) this.rows += run.rows;
    this.armTimeout();
  }

  take(poolIdle: boolean): WorkerRun | null {
    if (this.runs.length === 0) return null;
    const waited = performance.now() - this.runs[0].enqueuedAt;
    if (!poolIdle && this.rows < this.options.maxRows && waited < this.options.maxDelayMs) {
      this.armDelay(this.options.maxDelayMs - waited);
      return null;
    }
    const batch: PendingRun[] = [];
    let rows = 0;
    while (
      this.runs.length > 0 &&
      (batch.length === 0 || rows + this.runs[0].rows <= this.options.maxRows)
    ) {
      const run = this.runs.shift() as PendingRun;
      batch.push(run);
      rows += run.rows;
    }
    this.rows -= rows;
    this.armTimeout();
    return { data: concatenateRows(batch, rows), rows, runs: batch };
  }

  close(): void {
    this.clearDelay();
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = null;
  }

  // --- internal ---

  // Timers have a 1 ms resolution; a shorter remaining delay is checked on the next turn of the
  // event loop instead, after the I/O (new requests) that turn brings.
  private armDelay(remainingMs: number): void {
    if (this.delayTimer) return;
    const due = (): void => {
      this.delayTimer = null;
      this.wake();
    };
    this.delayTimer = remainingMs < 1 ? setImmediate(due) : setTimeout(due, remainingMs);
  }

  private clearDelay(): void {
    if (this.delayTimer) {
      clearTimeout(this.delayTimer as NodeJS.Timeout);
      clearImmediate(this.delayTimer as NodeJS.Immediate);
    }
    this.delayTimer = null;
  }

  // One timer, for the oldest waiting rows: the queue is FIFO with one timeout, so the head
  // always expires first.
  private armTimeout(): void {
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = null;
    if (this.runs.length === 0) return this.clearDelay();
    const left = this.runs[0].enqueuedAt + this.options.queueTimeoutMs - performance.now();
    this.timeoutTimer = setTimeout(() => this.dropExpired(), Math.max(1, left));
  }

  private dropExpired(): void {
    this.timeoutTimer = null;
    const deadline = performance.now() - this.options.queueTimeoutMs;
    while (this.runs.length > 0 && this.runs[0].enqueuedAt <= deadline) {
      const run = this.runs.shift() as PendingRun;
      this.rows -= run.rows;
      run.reject(new QueueTimeoutError(this.options.queueTimeoutMs));
      this.onTimeout();
    }
    this.armTimeout();
  }
}

/** The rows of several callers as one row-major matrix, in their order (no copy for one). */
export function concatenateRows(batch: readonly PendingRun[], rows: number): Float32Array {
  if (batch.length === 1) return batch[0].data;
  const width = batch[0].data.length / batch[0].rows;
  const data = new Float32Array(rows * width);
  let offset = 0;
  for (const run of batch) {
    data.set(run.data, offset);
    offset += run.data.length;
  }
  return data;
}
