// Histogram worker thread entry: the TypeScript worker is loaded through tsx's scoped loader, so
// it runs the same whether the trainer runs under tsx (the CLI), Jest or plain node. A worker
// that cannot load says why on its port (HistogramThreads reports it).
import { workerData } from 'node:worker_threads';

try {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./histogram-worker.ts', import.meta.url);
} catch (error) {
  workerData.port.postMessage({ message: error instanceof Error ? error.message : String(error) });
}
