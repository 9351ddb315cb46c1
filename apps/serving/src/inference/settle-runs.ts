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
 * Hands each caller of a worker run its own rows' output (views into the run's row-major
 * result, in arrival order) with its own queue time; the first caller is the run's leader.
 */
export function settleRuns(runs: PendingRun[], output: Float32Array, times: RunTimes): void {
  let batchRows = 0;
  for (const run of runs) batchRows += run.rows;
  // Values per row: 1 (a probability or a value), or K class probabilities.
  const width = output.length / batchRows;
  let offset = 0;
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index];
    const end = offset + run.rows * width;
    run.resolve({
      output: runs.length === 1 ? output : output.subarray(offset, end),
      queueSeconds: (times.dispatchedAt - run.enqueuedAt) / 1000 + times.workerWaitSeconds,
      inferenceSeconds: times.inferenceSeconds,
      batchRows,
      batchLeader: index === 0,
    });
    offset = end;
  }
}
