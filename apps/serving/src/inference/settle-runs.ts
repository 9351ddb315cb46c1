import type { PendingRun } from './run-queue.js';

/** Timings of one finished worker run. */
export interface RunTimes {
  /** performance.now() when the run was handed to its worker. */
  dispatchedAt: number;
  /** Seconds it then waited in the worker behind earlier runs. */
  workerWaitSeconds: number;
  inferenceSeconds: number;
}

/**
 * Hands each caller of a worker run its own rows' probabilities (views into the run's result,
 * in arrival order) with its own queue time; the first caller is the run's leader.
 */
export function settleRuns(runs: PendingRun[], probabilities: Float32Array, times: RunTimes): void {
  const batchRows = probabilities.length;
  let offset = 0;
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index];
    run.resolve({
      probabilities:
        runs.length === 1 ? probabilities : probabilities.subarray(offset, offset + run.rows),
      queueSeconds: (times.dispatchedAt - run.enqueuedAt) / 1000 + times.workerWaitSeconds,
      inferenceSeconds: times.inferenceSeconds,
      batchRows,
      batchLeader: index === 0,
    });
    offset += run.rows;
  }
}
