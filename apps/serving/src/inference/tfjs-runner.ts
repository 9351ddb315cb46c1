import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Task } from '@modelship/core';
import { ONNX_INPUT, ONNX_OUTPUTS } from '@modelship/model-bundle';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ModelRunner } from './model-runner.js';
import { readTaskOutput } from './model-runner.js';

interface LayersModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * A TensorFlow.js layers model (`tfjs/model.json` + weights) for bundles without `model.onnx`,
 * on the WebAssembly backend (the pure-JavaScript cpu backend when wasm does not start). Read
 * from disk with fs, so it needs no tfjs-node. Input and output are named as the ONNX export
 * names them, so the V2 API is the same whichever runtime serves. A regression network answers
 * in standard units (the target's scaling lives in `model.onnx` only), so the loader never
 * serves a regression bundle this way.
 */
export async function createTfjsRunner(modelJsonPath: string, task: Task): Promise<ModelRunner> {
  await selectBackend();
  const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as LayersModelJson;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const buffers = await Promise.all(
    json.weightsManifest
      .flatMap((group) => group.paths)
      .map((path) => readFile(join(dirname(modelJsonPath), path))),
  );
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
  );
  const inputWidth = readLastDimension(model.inputs[0].shape);
  const outputWidth = readLastDimension(model.outputs[0].shape);
  const describe = (name: string, width: number | null) => ({
    name,
    type: 'float32',
    shape: ['N', width ?? 'width'],
  });
  return {
    inputName: ONNX_INPUT,
    outputName: ONNX_OUTPUTS[task],
    inputWidth,
    outputWidth,
    inputs: [describe(ONNX_INPUT, inputWidth)],
    outputs: [describe(ONNX_OUTPUTS[task], outputWidth)],
    run: async (data, rows) => {
      const output = tf.tidy(() => {
        const input = tf.tensor2d(data, [rows, data.length / rows]);
        return model.predict(input) as tf.Tensor;
      });
      try {
        return readTaskOutput(task, await output.data(), output.shape, rows);
      } finally {
        output.dispose();
      }
    },
  };
}

// --- internal ---

function readLastDimension(shape: readonly (number | null)[]): number | null {
  const last = shape.at(-1);
  return typeof last === 'number' && last > 0 ? last : null;
}

async function selectBackend(): Promise<void> {
  try {
    const require = createRequire(import.meta.url);
    // In Node the wasm binaries are read from the package's own dist folder.
    setWasmPaths(
      `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`,
    );
    if (await tf.setBackend('wasm')) return void (await tf.ready());
  } catch {
    // fall back to the cpu backend below
  }
  await tf.setBackend('cpu');
  await tf.ready();
}
