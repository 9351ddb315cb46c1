import type { Task } from '@modelship/core';
import type { ModelFeedSpec } from '@modelship/features';
import { buildModelFeeds } from '@modelship/features';
import * as ort from 'onnxruntime-node';
import type { ModelRunner, ModelTensorInfo } from './model-runner.js';
import { readTaskOutput } from './model-runner.js';

/**
 * An onnxruntime-node session on `model.onnx`, with `threads` intra-op threads. Its inputs are
 * built from each float32 matrix by buildModelFeeds: the matrix itself for the kit's models, one
 * named tensor per binding (text, float, integer or boolean) for an imported one.
 */
export async function createOnnxRunner(
  modelPath: string,
  threads: number,
  task: Task,
  feedSpec: ModelFeedSpec,
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
    inputs: session.inputMetadata.map(describeTensor),
    outputs: session.outputMetadata.map(describeTensor),
    run: async (data, rows) => {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, feed] of Object.entries(buildModelFeeds(feedSpec, data, rows, inputName))) {
        feeds[name] = new ort.Tensor(feed.type, feed.data, feed.dims);
      }
      const results = await session.run(feeds, [outputName]);
      const output = results[outputName];
      return readTaskOutput(task, output.data as Float32Array, output.dims.map(Number), rows);
    },
  };
}

// --- internal ---

function describeTensor(metadata: ort.InferenceSession.ValueMetadata): ModelTensorInfo {
  if (!metadata.isTensor) return { name: metadata.name, type: null, shape: null };
  return { name: metadata.name, type: metadata.type, shape: [...metadata.shape] };
}

function readLastDimension(
  metadata: readonly ort.InferenceSession.ValueMetadata[],
  name: string,
): number | null {
  const entry = metadata.find((candidate) => candidate.name === name);
  if (!entry?.isTensor) return null;
  const last = entry.shape.at(-1);
  return typeof last === 'number' && last > 0 ? last : null;
}
