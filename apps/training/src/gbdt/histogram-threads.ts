import { availableParallelism } from 'node:os';
import type { MessagePort } from 'node:worker_threads';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { HistogramBuffer, HistogramColumns, NodeRows } from './histogram-kernel.js';
import { accumulateHistograms, BINS, copySlots } from './histogram-kernel.js';

/** Forces the histogram thread count (1 = the trainer's own thread only); unset, it is chosen. */
export const GBDT_THREADS_ENV = 'MODELSHIP_GBDT_THREADS';

/**
 * How many threads build the histograms of a training split of `rows` x `width` features: one
 * below `MIN_THREADED_WORK` (starting a worker costs more than it saves there), else every core
 * (`os.availableParallelism()`), at most one per feature; `MODELSHIP_GBDT_THREADS` forces it.
 * @throws Error when MODELSHIP_GBDT_THREADS is not a positive integer
 */
export function chooseHistogramThreads(
  rows: number,
  width: number,
  env: Record<string, string | undefined> = process.env,
): number {
  const forced = env[GBDT_THREADS_ENV];
  if (forced !== undefined && forced !== '') {
    const threads = Number(forced);
    if (!Number.isInteger(threads) || threads < 1) {
      throw new Error(`${GBDT_THREADS_ENV} is '${forced}': it must be a positive integer.`);
    }
    return threads;
  }
  if (rows * width < MIN_THREADED_WORK) return 1;
  return Math.max(1, Math.min(availableParallelism(), width));
}

/**
 * `length` elements of `Type`, in memory every histogram thread sees when `shared`, else in the
 * calling thread's own (training on one thread shares nothing).
 */
export function createTypedArray<T>(
  Type: { new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared = true,
): T {
  const bytes = Math.max(1, length) * Type.BYTES_PER_ELEMENT;
  return new Type(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** The shared arrays a node's histograms are built from (see `HistogramThreads.attach`). */
export interface SharedHistogramInput extends HistogramColumns {
  /** The node's rows are `rows[start..start + n)`; gradients and hessians are in that order. */
  rows: Uint32Array;
  gradients: Float32Array;
  hessians: Float32Array;
}

/**
 * Worker threads that build histograms beside the trainer's thread, feature-parallel: each
 * thread builds the histograms of its own columns over the node's rows with the one kernel
 * (`accumulateHistograms`), so a histogram is the same whatever the thread count. The handoff
 * is `Atomics.notify`/`Atomics.wait` on shared memory, so training stays synchronous.
 */
export class HistogramThreads {
  private readonly workers: HistogramWorker[];
  private input: SharedHistogramInput | undefined;
  private request = 0;

  /** Starts `threads - 1` workers (the calling thread is the last); `close` stops them. */
  constructor(threads: number) {
    this.workers = Array.from({ length: threads - 1 }, () => startWorker());
  }

  /** Threads building histograms, the calling one included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Threads ready to build, the calling one included: a worker is once tsx has loaded it and it
   * has the arrays (`attach`); until then `build` shares the columns without it.
   */
  get ready(): number {
    return this.readyWorkers().length + 1;
  }

  /** Hands the training split's shared arrays to the workers (once, before any `build`). */
  attach(input: SharedHistogramInput): void {
    this.input = input;
    const width = input.columnBins.length;
    for (const worker of this.workers) {
      worker.control = createTypedArray(Int32Array, CONTROL_HEADER + width);
      worker.histogram = createTypedArray(Float64Array, width * BINS * 3);
      const setup: HistogramWorkerSetup = {
        ...input,
        control: worker.control,
        histogram: worker.histogram,
      };
      worker.port.postMessage(setup);
    }
  }

  /**
   * Writes the histograms of `which` over the node `rows[start..start + n)` into `histogram`,
   * splitting the columns between the threads.
   * @throws Error with a worker's message when a worker fails
   */
  build(histogram: HistogramBuffer, which: Int32Array, start: number, n: number): void {
    const input = this.input;
    if (!input) throw new Error('HistogramThreads.build before attach.');
    // A worker still starting (tsx loading it) gets no share: the others build its columns.
    const ready = this.readyWorkers();
    const share = Math.ceil(which.length / (ready.length + 1));
    this.request += 1;
    const request = this.request;
    const busy: [HistogramWorker, Int32Array][] = [];
    ready.forEach((worker, w) => {
      const own = which.subarray((w + 1) * share, (w + 2) * share);
      if (own.length === 0) return;
      const control = worker.control as Int32Array;
      control[START] = start;
      control[COUNT] = n;
      control[COLUMNS] = own.length;
      control.set(own, CONTROL_HEADER);
      Atomics.store(control, REQUEST, request);
      Atomics.notify(control, REQUEST);
      busy.push([worker, own]);
    });
    const { rows, gradients, hessians } = input;
    const node: NodeRows = { rows, start, n, gradients, hessians };
    accumulateHistograms(histogram, input, which.subarray(0, share), node);
    for (const [worker, own] of busy) {
      waitFor(worker, request);
      const built = worker.histogram as Float64Array;
      for (const column of own) {
        copySlots(histogram, built, column * BINS, input.columnBins[column] as number);
      }
    }
  }

  /** Stops every worker; resolves once they have exited. */
  close(): Promise<void> {
    return Promise.all(
      this.workers.map((worker) => {
        if (worker.control) {
          Atomics.store(worker.control, REQUEST, STOP);
          Atomics.notify(worker.control, REQUEST);
        }
        worker.port.close();
        return worker.thread.terminate();
      }),
    ).then(() => undefined);
  }

  // --- internal ---

  private readyWorkers(): HistogramWorker[] {
    return this.workers.filter(
      (worker) => worker.control !== undefined && Atomics.load(worker.control, READY) === 1,
    );
  }
}

/** What a histogram worker thread receives once: the shared arrays it reads and writes. */
export interface HistogramWorkerSetup extends SharedHistogramInput {
  /**
   * `READY` (1 once the worker waits for requests), `REQUEST`, `DONE`, the node's `START` and
   * row `COUNT`, then `COLUMNS` columns to build.
   */
  control: Int32Array;
  /** Where the worker writes its columns' histograms. */
  histogram: Float64Array;
}

/** A worker's failure, posted on its port. */
export interface HistogramWorkerFailure {
  message: string;
}

/**
 * Returns once `control[slot]` is no longer `value` (or after `timeoutMs`): it checks for a few
 * microseconds first, as a node's histograms often come back that soon, then sleeps in
 * `Atomics.wait` (waking a sleeping thread costs tens of microseconds).
 */
export function waitForChange(
  control: Int32Array,
  slot: number,
  value: number,
  timeoutMs = Number.POSITIVE_INFINITY,
): void {
  for (let check = 0; check < SPIN_CHECKS; check += 1) {
    if (Atomics.load(control, slot) !== value) return;
  }
  Atomics.wait(control, slot, value, timeoutMs);
}

/** Slots of a worker's control array. */
export const READY = 0;
export const REQUEST = 1;
export const DONE = 2;
export const START = 3;
export const COUNT = 4;
export const COLUMNS = 5;
export const CONTROL_HEADER = 6;
/** `REQUEST` value telling a worker to return. */
export const STOP = -1;

// --- internal ---

/**
 * Rows x features below which training stays on one thread, measured on this kit's benchmark
 * (see the gbdt README): starting a worker under tsx and handing off each node cost more than
 * the histograms they share.
 */
const MIN_THREADED_WORK = 2_000_000;

interface HistogramWorker {
  thread: Worker;
  /** The trainer's end of the worker's channel: the setup goes out, failures come back. */
  port: MessagePort;
  control?: Int32Array;
  histogram?: Float64Array;
}

const WORKER_URL = new URL('./histogram-worker-bootstrap.mjs', import.meta.url);

function startWorker(): HistogramWorker {
  const { port1, port2 } = new MessageChannel();
  const thread = new Worker(WORKER_URL, { workerData: { port: port2 }, transferList: [port2] });
  // A worker never keeps the process alive, even if a caller forgets `close`.
  thread.unref();
  return { thread, port: port1 };
}

/**
 * Blocks until the worker has answered `request`, checking its port for a failure between
 * waits (a worker that fails posts why, then wakes the trainer).
 */
function waitFor(worker: HistogramWorker, request: number): void {
  const control = worker.control as Int32Array;
  for (;;) {
    const done = Atomics.load(control, DONE);
    if (done === request) return;
    waitForChange(control, DONE, done, FAILURE_CHECK_MS);
    if (Atomics.load(control, DONE) === request) return;
    const failure = receiveMessageOnPort(worker.port);
    if (failure) {
      throw new Error(
        `A histogram worker thread failed: ${(failure.message as HistogramWorkerFailure).message}`,
      );
    }
  }
}

/** Checks before sleeping in `waitForChange` (measured: see the README). */
const SPIN_CHECKS = 20_000;

/** How often a waiting trainer looks for a worker's failure. */
const FAILURE_CHECK_MS = 100;
