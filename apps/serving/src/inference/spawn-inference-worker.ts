import { Worker } from 'node:worker_threads';
import type { Task } from '@modelship/core';
import type { ModelFeedSpec } from '@modelship/features';
import { InferenceError } from '../http/serving-error.js';
import type { InferenceWorkerData, WorkerMessage, WorkerStartMessage } from './worker-messages.js';

/** The model's input and output names and widths, as the first worker to start reads them. */
export type ModelSignature = Omit<Extract<WorkerStartMessage, { type: 'ready' }>, 'type'>;

/** A worker whose session is created and ready to run. */
export interface StartedWorker {
  worker: Worker;
  signature: ModelSignature;
}

/**
 * The script a worker thread runs, and extra `workerData` for it. Another entry (a test's
 * wrapper, say) must end by importing `inference-worker-bootstrap.mjs`.
 */
export interface WorkerEntry {
  url: URL;
  data?: Record<string, unknown>;
}

const INFERENCE_WORKER: WorkerEntry = {
  url: new URL('./inference-worker-bootstrap.mjs', import.meta.url),
};

/** The model file a worker loads, the task whose output it reads, and how its inputs are built. */
export interface WorkerModel {
  modelPath: string;
  task: Task;
  /** Only these three fields of the feature spec are copied to each worker. */
  feedSpec: ModelFeedSpec;
}

/** Starts `count` workers; if any fails to start, stops the others and rejects with its error. */
export async function spawnInferenceWorkers(
  model: WorkerModel,
  count: number,
  entry: WorkerEntry = INFERENCE_WORKER,
): Promise<StartedWorker[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => spawnInferenceWorker(model, entry)),
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
  return started.map((result) => (result as PromiseFulfilledResult<StartedWorker>).value);
}

/**
 * Starts one inference worker thread on a model file and resolves once its session is created;
 * rejects with InferenceError (and stops the thread) when the model cannot be loaded.
 */
export function spawnInferenceWorker(
  { modelPath, task, feedSpec }: WorkerModel,
  entry: WorkerEntry = INFERENCE_WORKER,
): Promise<StartedWorker> {
  const { columns, width, modelInputs } = feedSpec;
  const workerData: InferenceWorkerData = {
    ...entry.data,
    modelPath,
    task,
    feedSpec: { columns, width, modelInputs },
    intraOpThreads: 1,
  };
  const worker = new Worker(entry.url, { workerData });
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage): void => {
      if (message.type !== 'ready' && message.type !== 'init-error') return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      if (message.type === 'ready') {
        const { type: _type, ...signature } = message;
        resolve({ worker, signature });
      } else {
        void worker.terminate();
        reject(
          new InferenceError(`The model ${modelPath} could not be loaded: ${message.message}`),
        );
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
