import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import type { Task } from '@modelship/core';
import type { ModelFeedSpec } from '@modelship/features';
import { InferenceError } from '../http/serving-error.js';
import type { BatchingOptions } from './batching-run-queue.js';
import { BatchingRunQueue } from './batching-run-queue.js';
import { FifoRunQueue } from './fifo-run-queue.js';
import type { InferenceResult, RejectReason, RunQueue, WorkerRun } from './run-queue.js';
import type { ModelSignature, WorkerEntry } from './spawn-inference-worker.js';
import type { InlineDecision } from './inline-runner.js';
import { InlineRunner } from './inline-runner.js';
import { settleRuns } from './settle-runs.js';
import { spawnInferenceWorker, spawnInferenceWorkers } from './spawn-inference-worker.js';
import type { WorkerMessage } from './worker-messages.js';
import { listTransfer } from './worker-messages.js';

export type { BatchingOptions } from './batching-run-queue.js';
export type { InferenceResult, RejectReason } from './run-queue.js';
export type { InlineDecision } from './inline-runner.js';
export type { ModelSignature } from './spawn-inference-worker.js';

export interface InferencePoolOptions {
  modelPath: string;
  /** The model's task: which output the workers read (see readTaskOutput). */
  task: Task;
  /** The feature spec (or its ModelFeedSpec part): how the workers build the model's inputs. */
  feedSpec: ModelFeedSpec;
  /** Worker threads, each with its own session. @default os.availableParallelism() */
  workers?: number;
  /** Without batching: runs waiting for a free worker before new ones get OverloadedError. @default 256 */
  maxQueue?: number;
  /** Dynamic batching of callers' rows into shared worker runs; null: one run per call. @default null */
  batching?: BatchingOptions | null;
  /** Called for each caller refused (queue full) or dropped (queue timeout), for metrics. */
  onRejected?: (reason: RejectReason) => void;
  /** The script each worker thread runs. @default the inference worker */
  worker?: WorkerEntry;
  /**
   * The longest a run may hold the event loop when scored inline (INLINE_MAX_MS), in ms; how
   * many rows fit is measured at start. 0: every run goes to a worker. @default 0
   */
  inlineMaxMs?: number;
}

interface Job {
  id: number;
  work: WorkerRun;
  dispatchedAt: number;
}

interface PoolWorker {
  worker: Worker;
  /** Runs handed to this worker, oldest (running) first. */
  jobs: Job[];
  alive: boolean;
}

// Runs handed to one worker at a time. Without batching, up to 4: the worker starts the next as
// soon as one ends instead of idling for the round trip through the busy event loop. With
// batching, 1: rows keep gathering in the queue, where BATCH_QUEUE_TIMEOUT_MS still applies.
const FIFO_DEPTH = 4;
const BATCHING_DEPTH = 1;

/**
 * A fixed set of worker threads running one onnxruntime-node session each, fed from a bounded
 * queue (FIFO, or batching when configured). A full queue refuses work at once (a 503 with
 * Retry-After) so latency stays bounded and the event loop stays free for health checks.
 */
export class InferencePool {
  private readonly queue: RunQueue;
  private readonly onRejected: (reason: RejectReason) => void;
  private readonly depth: number;
  private nextId = 1;
  private busy = 0;
  private closed = false;
  private readonly inline: InlineRunner | null;

  private constructor(
    private readonly options: InferencePoolOptions,
    private readonly workers: PoolWorker[],
    /** The model's input and output names and widths, as its runtime reads them from the file. */
    readonly signature: ModelSignature,
    /** What the load-time measurement decided about inline runs; null when not measured. */
    readonly inlineDecision: InlineDecision | null = null,
    inline: InlineRunner | null = null,
  ) {
    this.inline = inline;
    this.onRejected = options.onRejected ?? (() => undefined);
    this.depth = options.batching ? BATCHING_DEPTH : FIFO_DEPTH;
    this.queue = options.batching
      ? new BatchingRunQueue(
          options.batching,
          () => this.pump(),
          () => this.onRejected('queue_timeout'),
        )
      : new FifoRunQueue(options.maxQueue ?? 256);
    for (const entry of workers) this.attach(entry);
  }

  /** Starts the workers and resolves once every session is created; rejects if any fails. */
  static async start(options: InferencePoolOptions): Promise<InferencePool> {
    const count = options.workers ?? availableParallelism();
    const workers = await spawnInferenceWorkers(options, count, options.worker);
    const { signature } = workers[0];
    const inline = await startInline(options);
    return new InferencePool(
      options,
      workers.map(({ worker }) => ({ worker, jobs: [], alive: true })),
      signature,
      inline?.decision ?? null,
      inline?.runner ?? null,
    );
  }

  /** Thread ids of the workers, to show inference really runs off the main thread. */
  get threadIds(): number[] {
    return this.workers.map(({ worker }) => worker.threadId);
  }

  /** Callers waiting for their run to start (in the queue or handed to a busy worker). */
  get queued(): number {
    return this.queue.waiting + this.countHandedOver();
  }

  /** Runs on a worker right now (at most one per worker), and runs being scored inline. */
  get running(): number {
    return this.busy + (this.inline?.running ?? 0);
  }

  /**
   * Scores `rows` rows of row-major float32 features into the task's output; a large buffer is
   * transferred, not copied.
   */
  run(data: Float32Array, rows: number): Promise<InferenceResult> {
    if (this.closed) return Promise.reject(new InferenceError('The inference pool is closed.'));
    // Inline only while the workers are idle and nobody waits: a run never overtakes the queue,
    // and large runs (and every run behind one) keep the event loop free.
    if (
      this.inline &&
      this.busy === 0 &&
      this.queue.waiting === 0 &&
      rows <= this.inline.decision.maxRows
    ) {
      return this.inline.run(data, rows);
    }
    const refusal = this.queue.refuse(rows, {
      workerIdle: this.busy < this.workers.length,
      handedOver: this.countHandedOver(),
    });
    if (refusal) {
      this.onRejected('queue_full');
      return Promise.reject(refusal);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ data, rows, enqueuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Lets queued and running work finish, then stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.busy > 0 || this.queue.waiting > 0 || (this.inline?.running ?? 0) > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    this.queue.close();
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  // --- internal ---

  // Hands queued work to the least loaded live worker for as long as the queue gives some out.
  private pump(): void {
    for (;;) {
      let entry: PoolWorker | undefined;
      for (const candidate of this.workers) {
        if (!candidate.alive || candidate.jobs.length >= this.depth) continue;
        if (!entry || candidate.jobs.length < entry.jobs.length) entry = candidate;
      }
      if (!entry) return;
      const work = this.queue.take(this.busy === 0);
      if (!work) return;
      this.dispatch(entry, work);
    }
  }

  private dispatch(entry: PoolWorker, work: WorkerRun): void {
    const job: Job = { id: this.nextId++, work, dispatchedAt: performance.now() };
    if (entry.jobs.push(job) === 1) this.busy++;
    const message = { type: 'run', id: job.id, data: work.data, rows: work.rows };
    entry.worker.postMessage(message, listTransfer(work.data));
  }

  private countHandedOver(): number {
    let callers = 0;
    for (const { jobs } of this.workers) {
      for (let index = 1; index < jobs.length; index++) callers += jobs[index].work.runs.length;
    }
    return callers;
  }

  private attach(entry: PoolWorker): void {
    entry.worker.on('message', (message: WorkerMessage) => {
      if (!('id' in message)) return;
      const index = entry.jobs.findIndex((job) => job.id === message.id);
      if (index < 0) return;
      const [job] = entry.jobs.splice(index, 1);
      if (entry.jobs.length === 0) this.busy--;
      this.pump();
      if (message.type === 'result') {
        settleRuns(job.work.runs, message.output, {
          dispatchedAt: job.dispatchedAt,
          workerWaitSeconds: message.waitSeconds,
          inferenceSeconds: message.durationSeconds,
        });
      } else {
        const error = new InferenceError(
          `The model failed to score ${job.work.rows} row(s): ${message.message}`,
        );
        for (const run of job.work.runs) run.reject(error);
      }
    });
    entry.worker.on('exit', (code) => {
      if (this.closed) return;
      entry.alive = false;
      if (entry.jobs.length > 0) this.busy--;
      // The first run is the one that crashed it and fails; runs handed over behind it never
      // started and go back to the queue, unless their buffer was transferred away.
      const [crashed, ...waiting] = entry.jobs.splice(0);
      const error = new InferenceError(`An inference worker exited with code ${code}.`);
      const runs = waiting.flatMap((job) => job.work.runs);
      for (const run of crashed?.work.runs ?? []) run.reject(error);
      for (const run of runs) if (run.data.length === 0) run.reject(error);
      this.queue.requeue(runs.filter((run) => run.data.length > 0));
      this.pump();
      this.replace(entry);
    });
  }

  // A crashed worker is replaced so the pool keeps its size; the runs it held have failed.
  private replace(dead: PoolWorker): void {
    spawnInferenceWorker(this.options, this.options.worker).then(
      ({ worker }) => {
        if (this.closed) return void worker.terminate();
        const entry: PoolWorker = { worker, jobs: [], alive: true };
        this.workers[this.workers.indexOf(dead)] = entry;
        this.attach(entry);
        this.pump();
      },
      () => undefined,
    );
  }
}

// The main-thread session of a model.onnx when INLINE_MAX_MS allows it (tfjs models always run
// on workers). It is calibrated on the feature matrix's width, which an imported model's named
// inputs are built from as they are on the workers.
async function startInline(options: InferencePoolOptions) {
  const budgetMs = options.inlineMaxMs ?? 0;
  if (budgetMs <= 0 || !options.modelPath.endsWith('.onnx')) return null;
  return InlineRunner.start({
    modelPath: options.modelPath,
    task: options.task,
    feedSpec: options.feedSpec,
    width: options.feedSpec.width,
    budgetSeconds: budgetMs / 1000,
    batchMaxRows: options.batching?.maxRows ?? null,
  });
}
