import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { createSeededRandom, shuffleInPlace } from '@modelship/core';
import { buildNetwork } from './build-network.js';
import type { Tensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';
import type { NetworkHead } from './network-head.js';
import { BINARY_HEAD } from './network-head.js';
import { checkClassLabels, createNetworkTargets } from './network-targets.js';
import type { TargetScaling } from './target-scaling.js';
import type { EpochLog } from './training-progress.js';
import { computeValidationFigures } from './validation-figures.js';

/** A target per row: 0/1 labels, class indices 0..K-1, or regression values in their units. */
export type TargetValues =
  Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Transformed rows (row-major float32) with their targets (0/1 labels unless said otherwise). */
export interface LabelledMatrix<Y extends TargetValues = Uint8Array> {
  x: Float32Array;
  y: Y;
  rows: number;
  width: number;
}

export interface TrainedNetwork {
  model: LayersModel;
  history: EpochLog[];
  epochsRun: number;
  /** The epoch whose weights the model holds (best validation loss). */
  bestEpoch: number;
  stoppedEarly: boolean;
  head: NetworkHead;
  /**
   * Regression only: the model answers `(y - mean) / std`; the ONNX export puts the inverse
   * inside the graph, and `restoreTargetUnits` applies it to tfjs outputs. Null otherwise.
   */
  targetScaling: TargetScaling | null;
}

/**
 * Trains the MLP with Adam for the head's task (binary unless said otherwise). Deterministic for
 * a seed on a backend: seeded initialisers, our own seeded shuffle each epoch, and dropout
 * reseeded from the same generator before every batch. Early stopping watches the validation
 * loss and restores the best epoch's weights.
 */
export async function trainNetwork(
  tf: Tensorflow,
  params: ModelParams,
  train: LabelledMatrix<TargetValues>,
  validation: LabelledMatrix<TargetValues>,
  onEpoch: (log: EpochLog) => void = () => undefined,
  head: NetworkHead = BINARY_HEAD,
): Promise<TrainedNetwork> {
  const model = buildNetwork(tf, train.width, params, head);
  if (head.task !== 'regression') {
    checkClassLabels(validation.y, head.task === 'multiclass' ? head.classes : 2, 'validation');
  }
  const random = createSeededRandom(params.seed);
  const dropoutLayers = model.layers.filter((layer) => layer.getClassName() === 'Dropout');
  const targets = createNetworkTargets(tf, head, params, train.y);
  const xTrain = tf.tensor2d(train.x, [train.rows, train.width]);
  const yTrain = targets.y;
  const xValidation = tf.tensor2d(validation.x, [validation.rows, validation.width]);
  const order = Int32Array.from({ length: train.rows }, (_, i) => i);
  const { classWeight, scaling } = targets;
  const history: EpochLog[] = [];
  let best = {
    loss: Number.POSITIVE_INFINITY,
    epoch: 0,
    weights: [] as { shape: number[]; values: Float32Array }[],
  };

  try {
    for (let epoch = 1; epoch <= params.epochs; epoch += 1) {
      const started = performance.now();
      shuffleInPlace(order, random);
      const [xs, ys] = tf.tidy(() => {
        const indices = tf.tensor1d(order, 'int32');
        return [tf.gather(xTrain, indices), tf.gather(yTrain, indices)];
      });
      const fitted = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: params.batchSize,
        shuffle: false,
        verbose: 0,
        classWeight,
        callbacks: {
          onBatchBegin: async () => {
            // tfjs reuses a Dropout layer's seed for every call, which would repeat one mask.
            for (const layer of dropoutLayers)
              (layer as unknown as { seed: number }).seed = Math.floor(random() * 2 ** 31);
          },
        },
      });
      tf.dispose([xs, ys]);
      const outputs = await predictProbabilities(tf, model, xValidation);
      const entry: EpochLog = {
        epoch,
        loss: Number(fitted.history['loss']?.[0]),
        ...computeValidationFigures(head, validation.y, outputs, classWeight, scaling),
        seconds: (performance.now() - started) / 1000,
      };
      history.push(entry);
      onEpoch(entry);
      if (entry.valLoss < best.loss) {
        best = {
          loss: entry.valLoss,
          epoch,
          weights: model
            .getWeights()
            .map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array })),
        };
      } else if (
        params.earlyStoppingPatience > 0 &&
        epoch - best.epoch >= params.earlyStoppingPatience
      ) {
        break;
      }
    }
  } finally {
    tf.dispose([xTrain, yTrain, xValidation]);
  }
  const weights = best.weights.map(({ shape, values }) => tf.tensor(values, shape));
  model.setWeights(weights);
  tf.dispose(weights);
  return {
    model,
    history,
    epochsRun: history.length,
    bestEpoch: best.epoch,
    stoppedEarly: history.length < params.epochs,
    head,
    targetScaling: scaling,
  };
}

/**
 * The model's outputs for a row-major float32 matrix, row after row: a probability (binary),
 * K class probabilities (multiclass) or a value in standard units (regression).
 */
export async function predictProbabilities(
  tf: Tensorflow,
  model: LayersModel,
  x: Tensor,
): Promise<Float32Array> {
  const output = tf.tidy(() => model.predict(x, { batchSize: 4096 }) as Tensor);
  const values = (await output.data()) as Float32Array;
  output.dispose();
  return values;
}
