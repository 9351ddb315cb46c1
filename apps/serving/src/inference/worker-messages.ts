/** What the pool tells a worker when it starts: the model file and how many threads to use. */
export interface InferenceWorkerData {
  modelPath: string;
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
  | { type: 'ready'; inputName: string; outputName: string; inputWidth: number | null }
  | { type: 'init-error'; message: string };

/** Worker -> pool, one per run: positive-class probabilities, or why the run failed. */
export type WorkerRunMessage =
  | { type: 'result'; id: number; probabilities: Float32Array; durationSeconds: number }
  | { type: 'error'; id: number; message: string };

export type WorkerMessage = WorkerStartMessage | WorkerRunMessage;
