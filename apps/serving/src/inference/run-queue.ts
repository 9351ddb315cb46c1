import type { ServingError } from '../http/serving-error.js';

/** The model's output for one caller's rows, with where their time went. */
export interface InferenceResult {
  /** The task's output for these rows, row-major (see ModelRunner.run). */
  output: Float32Array;
  /** Seconds this caller's rows waited before their run started on a worker. */
  queueSeconds: number;
  /** Seconds inside onnxruntime's `run` (for the whole batch the rows were scored in). */
  inferenceSeconds: number;
  /** Rows in the worker run that scored these rows (more than `rows` when batched). */
  batchRows: number;
  /** True for exactly one caller per worker run, so per-run metrics are observed once. */
  batchLeader: boolean;
}

/** Why a queue refused or dropped a caller: the `reason` of modelship_requests_rejected_total. */
export type RejectReason = 'queue_full' | 'queue_timeout';

/** What the pool tells a queue deciding whether to accept a caller. */
export interface PoolLoad {
  /** A worker has nothing to run. */
  workerIdle: boolean;
  /** Callers already handed to busy workers, waiting there for their run to start. */
  handedOver: number;
}

/** One caller's rows waiting to be scored. */
export interface PendingRun {
  data: Float32Array;
  rows: number;
  enqueuedAt: number;
  resolve: (result: InferenceResult) => void;
  reject: (error: Error) => void;
}

/** What one worker run scores: one caller's rows, or several callers' rows concatenated. */
export interface WorkerRun {
  data: Float32Array;
  rows: number;
  runs: PendingRun[];
}

/**
 * Where runs wait for a worker. The pool asks `refuse` before queueing, then `take`s work each
 * time a worker is idle; a queue that holds work back (batching) calls `wake` when it is ready.
 */
export interface RunQueue {
  /** Callers waiting. */
  readonly waiting: number;
  /** The error to refuse a caller with, or null to accept it. */
  refuse(rows: number, pool: PoolLoad): ServingError | null;
  push(run: PendingRun): void;
  /** Puts runs a crashed worker never started back at the head of the queue, in order. */
  requeue(runs: PendingRun[]): void;
  /** The next worker run to start now, or null to keep waiting. `poolIdle`: nothing is running. */
  take(poolIdle: boolean): WorkerRun | null;
  /** Stops the queue's timers. */
  close(): void;
}
