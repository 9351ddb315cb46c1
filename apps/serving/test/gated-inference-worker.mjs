// Test-only worker entry: holds each run until the test opens a gate (a shared Int32 set to 1),
// before the inference worker sees it, so a test decides when a worker is busy instead of
// racing a long run against the machine's speed.
import { parentPort, workerData } from 'node:worker_threads';

const gate = new Int32Array(workerData.gate);
parentPort.on('message', (message) => {
  if (message.type === 'run') Atomics.wait(gate, 0, 0);
});
await import('../src/inference/inference-worker-bootstrap.mjs');
