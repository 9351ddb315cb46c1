import { join } from 'node:path';
import type { Tensor } from '@tensorflow/tfjs';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { exportOnnxModel } from '../export/export-onnx-model.js';
import { saveTfjsModel } from '../export/save-tfjs-model.js';
import { toOnnxHead } from '../export/to-onnx-head.js';
import { loadTensorflow } from './load-tensorflow.js';
import type { FittedModel, ModelFamily, ModelHead } from './model-family.js';
import { readModelParams } from './model-params.js';
import type { NetworkHead } from './network-head.js';
import { readRegressionLoss } from './read-regression-loss.js';
import { restoreTargetUnits } from './target-scaling.js';
import { trainNetwork } from './train-network.js';
import { createTrainingProgress } from './training-progress.js';

/**
 * The multilayer perceptron on TensorFlow.js (`model.type: mlp`, the default), with the network's
 * keys at the top level of params.yaml `model`. Writes model.onnx and the tfjs/ model.
 */
export const mlpFamily: ModelFamily = {
  type: 'mlp',
  async fit({ params, head, train, validation, log, progress }): Promise<FittedModel> {
    const modelParams = readModelParams(params.model);
    const { tf, backend, fallbackReason } = await loadTensorflow();
    log(`tensorflow.js ${tf.version.tfjs} on the ${backend} backend${fallbackReason ? ` (${fallbackReason})` : ''}`);
    const display = progress ?? createTrainingProgress(log);
    const trained = await trainNetwork(
      tf,
      modelParams,
      train,
      validation,
      (entry) => display.epoch(entry, modelParams.epochs),
      toNetworkHead(head, params.model),
    );
    display.stop();
    log(`trained ${trained.epochsRun} epochs; best validation loss at epoch ${trained.bestEpoch}`);
    return {
      type: 'mlp',
      // The network's answers as the ONNX model gives them: regression in the target's own units.
      predict(x, rows) {
        const input = tf.tensor2d(x, [rows, train.width]);
        const output = trained.model.predict(input) as Tensor;
        const answers = output.dataSync() as Float32Array;
        tf.dispose([input, output]);
        const { targetScaling } = trained;
        return targetScaling === null ? answers : Float32Array.from(restoreTargetUnits(answers, targetScaling));
      },
      async writeModel(bundleDir, spec) {
        await exportOnnxModel(trained.model, spec, join(bundleDir, BUNDLE_FILES.onnx), toOnnxHead(trained));
        await saveTfjsModel(tf, trained.model, join(bundleDir, BUNDLE_FILES.tfjsDir));
      },
      summary: {
        type: 'mlp',
        backend,
        backendFallback: fallbackReason,
        epochsRun: trained.epochsRun,
        bestEpoch: trained.bestEpoch,
        stoppedEarly: trained.stoppedEarly,
        history: trained.history,
      },
      libraries: { '@tensorflow/tfjs': tf.version.tfjs },
    };
  },
};

// --- internal ---

// The network's head adds the regression loss params.yaml chooses.
function toNetworkHead(head: ModelHead, model: Readonly<Record<string, unknown>>): NetworkHead {
  return head.task === 'regression' ? { task: 'regression', loss: readRegressionLoss(model) } : head;
}
