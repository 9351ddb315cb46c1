import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs';
import type { Tensorflow } from '../train/load-tensorflow.js';

export const TFJS_MODEL_FILE = 'model.json';
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/**
 * Saves the model in the TensorFlow.js layers format (model.json + one weights file), loadable
 * with `tf.loadLayersModel('file://…/model.json')` under tfjs-node or from any HTTP server.
 * Written through a save handler, so it needs no tfjs-node file system support.
 */
export async function saveTfjsModel(
  tf: Tensorflow,
  model: LayersModel,
  dir: string,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [
          { paths: [`./${TFJS_WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] },
        ],
      };
      await writeFile(join(dir, TFJS_MODEL_FILE), `${JSON.stringify(modelJson)}\n`);
      await writeFile(join(dir, TFJS_WEIGHTS_FILE), new Uint8Array(weights));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weights.byteLength,
        },
      };
    }),
  );
  return [TFJS_MODEL_FILE, TFJS_WEIGHTS_FILE];
}
