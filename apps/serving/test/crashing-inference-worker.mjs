// Test-only worker entry: exits (code 1) when handed a run of `workerData.crashOnRows` rows,
// before the inference worker sees it, as a native crash would. The exit happens between runs:
// terminating a thread while onnxruntime works would abort the whole test process.
import { parentPort, workerData } from 'node:worker_threads';

parentPort.on('message', (message) => {
  if (message.rows === workerData.crashOnRows) process.exit(1);
});
await import('../src/inference/inference-worker-bootstrap.mjs');
