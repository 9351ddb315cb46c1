import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelRunner } from './model-runner.js';
import { createOnnxRunner } from './onnx-runner.js';
import type { InferenceWorkerData, RunMessage, WorkerMessage } from './worker-messages.js';
import { listTransfer } from './worker-messages.js';

// One model per worker thread (an onnxruntime session, or a tfjs model for bundles without
// model.onnx): a run is synchronous native work, so it blocks this thread only, never the HTTP
// event loop.
if (!parentPort) throw new Error('inference-worker must run in a worker thread.');
const port = parentPort;
const { modelPath, intraOpThreads, task, feedSpec } = workerData as InferenceWorkerData;

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

try {
  const runner = await loadRunner();
  const { inputName, outputName, inputWidth, outputWidth, inputs, outputs } = runner;
  // The pool may hand over the next runs before this one ends (so the thread never idles waiting
  // for the event loop's round trip); they run one at a time, in order, each timed on its own.
  let previous = Promise.resolve();
  port.on('message', (message: RunMessage) => {
    const receivedAt = performance.now();
    previous = previous.then(() => runOnce(runner, message, receivedAt));
  });
  post({ type: 'ready', inputName, outputName, inputWidth, outputWidth, inputs, outputs });
} catch (error) {
  post({ type: 'init-error', message: (error as Error).message });
}

// --- internal ---

async function loadRunner(): Promise<ModelRunner> {
  if (!modelPath.endsWith('.json'))
    return createOnnxRunner(modelPath, intraOpThreads, task, feedSpec);
  // Loaded only for tfjs bundles: TensorFlow.js is large and most bundles are served by ONNX.
  const { createTfjsRunner } = await import('./tfjs-runner.js');
  return createTfjsRunner(modelPath, task);
}

async function runOnce(
  runner: ModelRunner,
  { id, data, rows }: RunMessage,
  receivedAt: number,
): Promise<void> {
  try {
    const started = performance.now();
    const waitSeconds = (started - receivedAt) / 1000;
    const output = await runner.run(data, rows);
    const durationSeconds = (performance.now() - started) / 1000;
    post({ type: 'result', id, output, durationSeconds, waitSeconds }, listTransfer(output));
  } catch (error) {
    post({ type: 'error', id, message: (error as Error).message.replace(/\s+/g, ' ') });
  }
}
