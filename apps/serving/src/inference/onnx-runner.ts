import type { Task } from '@modelship/core';
import * as ort from 'onnxruntime-node';
import type { ModelRunner } from './model-runner.js';
import { readTaskOutput } from './model-runner.js';

/** An onnxruntime-node session on `model.onnx`, with `threads` intra-op threads. */
export async function createOnnxRunner(
  modelPath: string,
  threads: number,
  task: Task,
): Promise<ModelRunner> {
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
    inputWidth: readLastDimension(session.inputMetadata, inputName),
    outputWidth: readLastDimension(session.outputMetadata, outputName),
    run: async (data, rows) => {
      const results = await session.run({
        [inputName]: new ort.Tensor('float32', data, [rows, data.length / rows]),
      });
      const output = results[outputName];
      return readTaskOutput(task, output.data as Float32Array, output.dims.map(Number), rows);
    },
  };
}

// --- internal ---

function readLastDimension(
  metadata: readonly ort.InferenceSession.ValueMetadata[],
  name: string,
): number | null {
  const entry = metadata.find((candidate) => candidate.name === name);
  if (!entry?.isTensor) return null;
  const last = entry.shape.at(-1);
  return typeof last === 'number' && last > 0 ? last : null;
}
