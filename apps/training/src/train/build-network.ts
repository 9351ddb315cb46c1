import type { Sequential } from '@tensorflow/tfjs';
import type { Tensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';

/**
 * The MLP: dense hidden layers (each followed by dropout when set) and one sigmoid unit.
 * Every initialiser is seeded from `params.seed`, so the starting weights never vary.
 */
export function buildNetwork(tf: Tensorflow, inputWidth: number, params: ModelParams): Sequential {
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
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({
        seed: params.seed + params.hiddenUnits.length,
      }),
      biasInitializer: 'zeros',
      name: 'probability',
      ...(params.hiddenUnits.length === 0 ? { inputShape: [inputWidth] } : {}),
    }),
  );
  model.compile({ optimizer: tf.train.adam(params.learningRate), loss: 'binaryCrossentropy' });
  return model;
}
