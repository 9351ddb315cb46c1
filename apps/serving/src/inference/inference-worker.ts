import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { InferenceWorkerData, RunMessage, WorkerMessage } from './worker-messages.js';

// One InferenceSession per worker thread: `run` is synchronous native work, so it blocks this
// thread only, never the HTTP event loop.
if (!parentPort) throw new Error('inference-worker must run in a worker thread.');
const port = parentPort;
const { modelPath, intraOpThreads } = workerData as InferenceWorkerData;

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

try {
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: intraOpThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const inputWidth = readInputWidth(session, inputName);
  port.on('message', (message: RunMessage) => {
    void runOnce(session, inputName, outputName, message);
  });
  post({ type: 'ready', inputName, outputName, inputWidth });
} catch (error) {
  post({ type: 'init-error', message: (error as Error).message });
}

async function runOnce(
  session: ort.InferenceSession,
  inputName: string,
  outputName: string,
  { id, data, rows }: RunMessage,
): Promise<void> {
  try {
    const width = data.length / rows;
    const started = performance.now();
    const results = await session.run({
      [inputName]: new ort.Tensor('float32', data, [rows, width]),
    });
    const durationSeconds = (performance.now() - started) / 1000;
    const probabilities = readProbabilities(results[outputName], rows);
    post({ type: 'result', id, probabilities, durationSeconds }, [
      probabilities.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    post({ type: 'error', id, message: (error as Error).message.replace(/\s+/g, ' ') });
  }
}

// Accepts [n], [n, 1] (a sigmoid) or [n, 2] (a softmax: the positive class is the last column).
function readProbabilities(output: ort.Tensor, rows: number): Float32Array {
  const width = output.dims.length === 2 ? Number(output.dims[1]) : 1;
  if (width !== 1 && width !== 2) {
    throw new Error(`output has shape [${output.dims.join(', ')}]; expected [n, 1] or [n, 2]`);
  }
  const values = output.data as Float32Array;
  const probabilities = new Float32Array(rows);
  for (let row = 0; row < rows; row++) probabilities[row] = values[row * width + width - 1];
  return probabilities;
}

function readInputWidth(session: ort.InferenceSession, inputName: string): number | null {
  const metadata = session.inputMetadata.find((entry) => entry.name === inputName);
  if (!metadata?.isTensor) return null;
  const last = metadata.shape.at(-1);
  return typeof last === 'number' && last > 0 ? last : null;
}
