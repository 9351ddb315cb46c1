import type { Sequential } from '@tensorflow/tfjs';
import type { Tensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';
import type { NetworkHead, RegressionLoss } from './network-head.js';
import { BINARY_HEAD, checkNetworkHead, OUTPUT_LAYER_NAMES } from './network-head.js';

/**
 * The MLP: dense hidden layers (each followed by dropout when set) and the task's head: one
 * sigmoid unit (binary cross-entropy), a softmax over the classes (categorical cross-entropy on
 * one-hot targets) or one linear unit (squared or Huber loss on the standardised target).
 * Every initialiser is seeded from `params.seed`, so the starting weights never vary.
 */
export function buildNetwork(
  tf: Tensorflow,
  inputWidth: number,
  params: ModelParams,
  head: NetworkHead = BINARY_HEAD,
): Sequential {
  checkNetworkHead(head);
  const model = tf.sequential({ name: params.name.replace(/[^\w]/g, '_') });
  const regularizer = params.l2 > 0 ? tf.regularizers.l2({ l2: params.l2 }) : undefined;
  params.hiddenUnits.forEach((units, index) => {
    model.add(
      tf.layers.dense({
        units,
        activation: params.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + index }),
        biasInitializer: 'zeros',
        kernelRegularizer: regularizer,
        name: `dense_${index}`,
        ...(index === 0 ? { inputShape: [inputWidth] } : {}),
      }),
    );
    if (params.dropout > 0) {
      model.add(
        tf.layers.dropout({ rate: params.dropout, seed: params.seed, name: `dropout_${index}` }),
      );
    }
  });
  model.add(
    tf.layers.dense({
      units: head.task === 'multiclass' ? head.classes : 1,
      activation: OUTPUT_ACTIVATIONS[head.task],
      kernelInitializer: tf.initializers.glorotUniform({
        seed: params.seed + params.hiddenUnits.length,
      }),
      biasInitializer: 'zeros',
      name: OUTPUT_LAYER_NAMES[head.task],
      ...(params.hiddenUnits.length === 0 ? { inputShape: [inputWidth] } : {}),
    }),
  );
  model.compile({ optimizer: tf.train.adam(params.learningRate), loss: selectLoss(tf, head) });
  return model;
}

// --- internal ---

const OUTPUT_ACTIVATIONS = {
  binary: 'sigmoid',
  multiclass: 'softmax',
  regression: 'linear',
} as const;

type Loss = string | ((yTrue: Tensor, yPred: Tensor) => Tensor);
type Tensor = ReturnType<Tensorflow['tensor']>;

function selectLoss(tf: Tensorflow, head: NetworkHead): Loss {
  if (head.task === 'binary') return 'binaryCrossentropy';
  if (head.task === 'multiclass') return 'categoricalCrossentropy';
  return selectRegressionLoss(tf, head.loss);
}

function selectRegressionLoss(tf: Tensorflow, loss: RegressionLoss): Loss {
  if (loss.kind === 'mse') return 'meanSquaredError';
  const { delta } = loss;
  // tfjs-layers has no Huber loss by name; this one returns a loss per row, as named losses do,
  // so tfjs can still weight rows and average them.
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const error = tf.abs(tf.sub(yTrue, yPred));
      const quadratic = tf.minimum(error, delta);
      const linear = tf.sub(error, quadratic);
      return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, linear)), -1);
    });
}
