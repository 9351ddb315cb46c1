import type { Task } from '@modelship/core';
import type { ModelFeedSpec } from '@modelship/features';
import type { ModelTensorInfo } from './model-runner.js';

/**
 * What the pool tells a worker when it starts: the model file, its task, how its inputs are
 * built from the float32 matrix, and how many threads.
 */
export interface InferenceWorkerData {
  modelPath: string;
  /** Which output the worker reads and how (see readTaskOutput). */
  task: Task;
  /** The feature spec's part buildModelFeeds reads (an imported model's input bindings). */
  feedSpec: ModelFeedSpec;
  /** onnxruntime threads inside one session; 1 so that WORKERS alone sets the parallelism. */
  intraOpThreads: number;
}

/** Pool -> worker: score `rows` rows of row-major float32 features. */
export interface RunMessage {
  type: 'run';
  id: number;
  data: Float32Array;
  rows: number;
}

/** Worker -> pool, once the session is created (or could not be). */
export type WorkerStartMessage =
  | {
      type: 'ready';
      inputName: string;
      outputName: string;
      inputWidth: number | null;
      outputWidth: number | null;
      inputs: ModelTensorInfo[];
      outputs: ModelTensorInfo[];
    }
  | { type: 'init-error'; message: string };

/** Worker -> pool, one per run: the task's output (see ModelRunner.run), or why the run failed. */
export type WorkerRunMessage =
  | {
      type: 'result';
      id: number;
      output: Float32Array;
      durationSeconds: number;
      /** Seconds the run waited inside the worker behind runs handed over before it. */
      waitSeconds: number;
    }
  | { type: 'error'; id: number; message: string };

export type WorkerMessage = WorkerStartMessage | WorkerRunMessage;

/**
 * Float32 buffers at least this large are transferred between threads, smaller ones copied:
 * measured on 2 cores, copying a one-row buffer costs 10-20% less main-thread CPU than
 * transferring it, while from about 16 KB transferring is 2x cheaper than copying.
 */
export const TRANSFER_MIN_BYTES = 4096;

/** The transfer list for a buffer: empty (copy) below TRANSFER_MIN_BYTES. */
export function listTransfer(data: Float32Array): ArrayBuffer[] {
  // The whole buffer moves either way (a view is cloned with all of its buffer), so its size decides.
  return data.buffer.byteLength >= TRANSFER_MIN_BYTES ? [data.buffer as ArrayBuffer] : [];
}
