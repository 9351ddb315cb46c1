import * as ort from 'onnxruntime-node';
import type { ModelRunner } from './model-runner.js';
import { readPositiveClass } from './model-runner.js';

/** An onnxruntime-node session on `model.onnx`, with `threads` intra-op threads. */
export async function createOnnxRunner(modelPath: string, threads: number): Promise<ModelRunner> {
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  return {
    inputName,
    outputName,
    inputWidth: readInputWidth(session, inputName),
    run: async (data, rows) => {
      const results = await session.run({
        [inputName]: new ort.Tensor('float32', data, [rows, data.length / rows]),
      });
      const output = results[outputName];
      return readPositiveClass(output.data as Float32Array, output.dims.map(Number), rows);
    },
  };
}

// --- internal ---

function readInputWidth(session: ort.InferenceSession, inputName: string): number | null {
  const metadata = session.inputMetadata.find((entry) => entry.name === inputName);
  if (!metadata?.isTensor) return null;
  const last = metadata.shape.at(-1);
  return typeof last === 'number' && last > 0 ? last : null;
}
