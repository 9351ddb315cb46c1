import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { accumulateHistograms } from './histogram-kernel.js';
import type { HistogramWorkerFailure, HistogramWorkerSetup } from './histogram-threads.js';
import {
  COLUMNS,
  CONTROL_HEADER,
  COUNT,
  DONE,
  READY,
  REQUEST,
  START,
  STOP,
  waitForChange,
} from './histogram-threads.js';

// A histogram worker thread (see HistogramThreads): it receives the training split's shared
// arrays once, then builds the columns each request names until told to stop. It blocks in
// Atomics.wait between requests, so it never returns to its event loop while training runs.
const { port } = workerData as { port: MessagePort };

port.once('message', (setup: HistogramWorkerSetup) => {
  const { control } = setup;
  try {
    serve(setup);
  } catch (error) {
    const failure: HistogramWorkerFailure = { message: (error as Error).message };
    port.postMessage(failure);
    Atomics.notify(control, DONE);
  }
  port.close();
});

function serve(setup: HistogramWorkerSetup): void {
  const { control, histogram, rows, gradients, hessians } = setup;
  let seen = 0;
  Atomics.store(control, READY, 1);
  for (;;) {
    waitForChange(control, REQUEST, seen);
    const request = Atomics.load(control, REQUEST);
    if (request === STOP) return;
    if (request === seen) continue;
    seen = request;
    const which = control.subarray(CONTROL_HEADER, CONTROL_HEADER + (control[COLUMNS] as number));
    accumulateHistograms(histogram, setup, which, {
      rows,
      start: control[START] as number,
      n: control[COUNT] as number,
      gradients,
      hessians,
    });
    Atomics.store(control, DONE, request);
    Atomics.notify(control, DONE);
  }
}
