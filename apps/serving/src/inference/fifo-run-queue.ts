import type { ServingError } from '../http/serving-error.js';
import { OverloadedError } from '../http/serving-error.js';
import type { PendingRun, PoolLoad, RunQueue, WorkerRun } from './run-queue.js';

/**
 * One worker run per caller, first in first out, at most `maxQueue` callers waiting while every
 * worker is busy (then OverloadedError: 503 with Retry-After).
 */
export class FifoRunQueue implements RunQueue {
  private readonly runs: PendingRun[] = [];

  constructor(private readonly maxQueue: number) {}

  get waiting(): number {
    return this.runs.length;
  }

  // Callers handed over to busy workers count as waiting: MAX_QUEUE bounds every caller not running.
  refuse(_rows: number, { workerIdle, handedOver }: PoolLoad): ServingError | null {
    const waiting = this.runs.length + handedOver;
    return !workerIdle && waiting >= this.maxQueue ? new OverloadedError(waiting) : null;
  }

  push(run: PendingRun): void {
    this.runs.push(run);
  }

  requeue(runs: PendingRun[]): void {
    this.runs.unshift(...runs);
  }

  take(): WorkerRun | null {
    const run = this.runs.shift();
    return run ? { data: run.data, rows: run.rows, runs: [run] } : null;
  }

  close(): void {
    // no timers to stop
  }
}
