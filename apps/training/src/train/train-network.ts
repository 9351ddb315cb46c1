import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { computeRocAuc, createSeededRandom, shuffleInPlace } from '@modelship/core';
import { buildNetwork } from './build-network.js';
import type { Tensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';
import type { EpochLog } from './training-progress.js';

/** Transformed rows (row-major float32) with their 0/1 labels. */
export interface LabelledMatrix {
  x: Float32Array;
  y: Uint8Array;
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
}

/**
 * Trains the MLP with Adam. Deterministic for a seed on a backend: seeded initialisers, our own
 * seeded shuffle each epoch, and dropout reseeded from the same generator before every batch.
 * Early stopping watches the validation loss and restores the best epoch's weights.
 */
export async function trainNetwork(
  tf: Tensorflow,
  params: ModelParams,
  train: LabelledMatrix,
  validation: LabelledMatrix,
  onEpoch: (log: EpochLog) => void = () => undefined,
): Promise<TrainedNetwork> {
  const model = buildNetwork(tf, train.width, params);
  const random = createSeededRandom(params.seed);
  const dropoutLayers = model.layers.filter((layer) => layer.getClassName() === 'Dropout');
  const xTrain = tf.tensor2d(train.x, [train.rows, train.width]);
  const yTrain = tf.tensor2d(Float32Array.from(train.y), [train.rows, 1]);
  const xValidation = tf.tensor2d(validation.x, [validation.rows, validation.width]);
  const order = Int32Array.from({ length: train.rows }, (_, i) => i);
  const classWeight =
    params.classWeight === 'balanced' ? computeBalancedWeights(train.y) : undefined;
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
      const probabilities = await predictProbabilities(tf, model, xValidation);
      const entry: EpochLog = {
        epoch,
        loss: Number(fitted.history['loss']?.[0]),
        valLoss: computeWeightedLogLoss(validation.y, probabilities, classWeight),
        valRocAuc: computeRocAuc(validation.y, probabilities) ?? Number.NaN,
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
  };
}

/** The model's probabilities for a row-major float32 matrix. */
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

// --- internal ---

function computeBalancedWeights(labels: Uint8Array): Record<number, number> {
  let positives = 0;
  for (const label of labels) positives += label;
  const negatives = labels.length - positives;
  return {
    0: labels.length / (2 * Math.max(negatives, 1)),
    1: labels.length / (2 * Math.max(positives, 1)),
  };
}

// With balanced class weights the network optimises the weighted loss, so early stopping
// compares epochs on that same objective; unweighted, this is plain binary cross-entropy.
function computeWeightedLogLoss(
  labels: Uint8Array,
  probabilities: Float32Array,
  classWeight: Record<number, number> = { 0: 1, 1: 1 },
): number {
  const epsilon = 1e-7;
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] ?? 0;
    const weight = classWeight[label] ?? 1;
    const p = Math.min(Math.max(probabilities[i] ?? 0.5, epsilon), 1 - epsilon);
    sum -= weight * (label === 1 ? Math.log(p) : Math.log(1 - p));
    weights += weight;
  }
  return sum / weights;
}
