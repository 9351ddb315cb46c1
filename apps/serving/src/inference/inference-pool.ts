import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { InferenceError, OverloadedError } from '../errors/serving-error.js';
import type { InferenceWorkerData, WorkerMessage, WorkerStartMessage } from './worker-messages.js';

/** What the model's session reports about its input, from the first worker to start. */
export type ModelInputInfo = Omit<Extract<WorkerStartMessage, { type: 'ready' }>, 'type'>;

const WORKER_URL = new URL('./inference-worker-bootstrap.mjs', import.meta.url);

export interface InferencePoolOptions {
  modelPath: string;
  /** Worker threads, each with its own session. @default os.availableParallelism() */
  workers?: number;
  /** Runs waiting for a free worker before new ones are refused with OverloadedError. @default 256 */
  maxQueue?: number;
}

/** Probabilities of one run, with where its time went. */
export interface InferenceResult {
  probabilities: Float32Array;
  /** Seconds spent waiting for a free worker. */
  queueSeconds: number;
  /** Seconds inside onnxruntime's `run`. */
  inferenceSeconds: number;
}

interface Job {
  id: number;
  data: Float32Array;
  rows: number;
  enqueuedAt: number;
  startedAt: number;
  resolve: (result: InferenceResult) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job: Job | null;
}

/**
 * A fixed set of worker threads running one onnxruntime-node session each, fed from a bounded
 * FIFO queue. A full queue refuses work at once (OverloadedError, a 503 with Retry-After) so
 * latency stays bounded and the event loop stays free for health checks.
 */
export class InferencePool {
  private readonly idle: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private busy = 0;
  private closed = false;

  private constructor(
    private readonly options: Required<InferencePoolOptions>,
    private readonly workers: PoolWorker[],
    /** The model input's name and width, as onnxruntime reads them from the file. */
    readonly input: ModelInputInfo,
  ) {
    for (const entry of workers) this.attach(entry);
  }

  /** Starts the workers and resolves once every session is created; rejects if any fails. */
  static async start(options: InferencePoolOptions): Promise<InferencePool> {
    const resolved: Required<InferencePoolOptions> = {
      modelPath: options.modelPath,
      workers: options.workers ?? availableParallelism(),
      maxQueue: options.maxQueue ?? 256,
    };
    const started = await Promise.allSettled(
      Array.from({ length: resolved.workers }, () => spawnWorker(resolved.modelPath)),
    );
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(
        started.map((result) =>
          result.status === 'fulfilled' ? result.value.worker.terminate() : null,
        ),
      );
      throw failed.reason;
    }
    const workers = started.map(
      (result) => (result as PromiseFulfilledResult<StartedWorker>).value,
    );
    return new InferencePool(
      resolved,
      workers.map(({ worker }) => ({ worker, job: null })),
      workers[0].input,
    );
  }

  /** Thread ids of the workers, to show inference really runs off the main thread. */
  get threadIds(): number[] {
    return this.workers.map(({ worker }) => worker.threadId);
  }

  /** Runs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Runs on a worker right now. */
  get running(): number {
    return this.busy;
  }

  /** Scores `rows` rows of row-major float32 features; the buffer is transferred to a worker. */
  run(data: Float32Array, rows: number): Promise<InferenceResult> {
    if (this.closed) return Promise.reject(new InferenceError('The inference pool is closed.'));
    if (this.idle.length === 0 && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new OverloadedError(this.queue.length));
    }
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        data,
        rows,
        enqueuedAt: performance.now(),
        startedAt: 0,
        resolve,
        reject,
      };
      const entry = this.idle.pop();
      if (entry) this.dispatch(entry, job);
      else this.queue.push(job);
    });
  }

  /** Lets queued and running work finish, then stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.busy > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  // --- internal ---

  private dispatch(entry: PoolWorker, job: Job): void {
    entry.job = job;
    job.startedAt = performance.now();
    this.busy++;
    entry.worker.postMessage({ type: 'run', id: job.id, data: job.data, rows: job.rows }, [
      job.data.buffer as ArrayBuffer,
    ]);
  }

  private release(entry: PoolWorker): void {
    entry.job = null;
    this.busy--;
    const next = this.queue.shift();
    if (next) this.dispatch(entry, next);
    else this.idle.push(entry);
  }

  private attach(entry: PoolWorker): void {
    this.idle.push(entry);
    entry.worker.on('message', (message: WorkerMessage) => {
      const job = entry.job;
      if (!job || !('id' in message) || message.id !== job.id) return;
      this.release(entry);
      if (message.type === 'result') {
        job.resolve({
          probabilities: message.probabilities,
          queueSeconds: (job.startedAt - job.enqueuedAt) / 1000,
          inferenceSeconds: message.durationSeconds,
        });
      } else {
        job.reject(
          new InferenceError(`The model failed to score ${job.rows} row(s): ${message.message}`),
        );
      }
    });
    entry.worker.on('exit', (code) => {
      if (this.closed) return;
      const job = entry.job;
      if (job) {
        this.busy--;
        job.reject(new InferenceError(`An inference worker exited with code ${code}.`));
      }
      this.replace(entry);
    });
  }

  // A crashed worker is replaced so the pool keeps its size; its job has already failed.
  private replace(dead: PoolWorker): void {
    const index = this.idle.indexOf(dead);
    if (index >= 0) this.idle.splice(index, 1);
    spawnWorker(this.options.modelPath).then(
      ({ worker }) => {
        const entry: PoolWorker = { worker, job: null };
        this.workers[this.workers.indexOf(dead)] = entry;
        this.attach(entry);
        const next = this.queue.shift();
        if (next) {
          this.idle.pop();
          this.dispatch(entry, next);
        }
      },
      () => undefined,
    );
  }
}

interface StartedWorker {
  worker: Worker;
  input: ModelInputInfo;
}

function spawnWorker(modelPath: string): Promise<StartedWorker> {
  const workerData: InferenceWorkerData = { modelPath, intraOpThreads: 1 };
  const worker = new Worker(WORKER_URL, { workerData });
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage): void => {
      if (message.type !== 'ready' && message.type !== 'init-error') return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (message.type === 'ready') {
        const { inputName, outputName, inputWidth } = message;
        resolve({ worker, input: { inputName, outputName, inputWidth } });
      } else {
        void worker.terminate();
        reject(new InferenceError(`onnxruntime could not load ${modelPath}: ${message.message}`));
      }
    };
    const onError = (error: Error): void => {
      worker.off('message', onMessage);
      reject(
        new InferenceError(`An inference worker failed to start: ${error.message}`, {
          cause: error,
        }),
      );
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
  });
}
