import type { Tensor } from '@tensorflow/tfjs';
import { computeBalancedWeights } from './compute-class-weights.js';
import type { Tensorflow } from './load-tensorflow.js';
import type { ModelParams } from './model-params.js';
import type { NetworkHead } from './network-head.js';
import type { TargetScaling } from './target-scaling.js';
import { fitTargetScaling, standardizeTarget } from './target-scaling.js';

/** What the network is fitted to: the target tensor, class weights and the target's scaling. */
export interface NetworkTargets {
  y: Tensor;
  classWeight: Record<number, number> | undefined;
  /** Regression only: the training split's mean and standard deviation. */
  scaling: TargetScaling | null;
}

/**
 * The training split's target as the head needs it: 0/1 in one column (binary), one-hot over
 * the classes (multiclass), or standardised with the training split's mean and standard
 * deviation (regression, where class weights have no meaning and are not used).
 * @throws Error naming the split, the row and the label when a class label is out of range
 */
export function createNetworkTargets(
  tf: Tensorflow,
  head: NetworkHead,
  params: ModelParams,
  labels: ArrayLike<number>,
): NetworkTargets {
  const rows = labels.length;
  if (head.task === 'regression') {
    const scaling = fitTargetScaling(labels);
    return {
      y: tf.tensor2d(standardizeTarget(labels, scaling), [rows, 1]),
      classWeight: undefined,
      scaling,
    };
  }
  const classes = head.task === 'multiclass' ? head.classes : 2;
  checkClassLabels(labels, classes, 'training');
  const classWeight =
    params.classWeight === 'balanced' ? computeBalancedWeights(labels, classes) : undefined;
  const y =
    head.task === 'binary'
      ? tf.tensor2d(Float32Array.from(labels), [rows, 1])
      : tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels), 'int32'), classes).toFloat());
  return { y, classWeight, scaling: null };
}

/**
 * @throws Error naming the split, the row and the label when a label is not a class index
 */
export function checkClassLabels(labels: ArrayLike<number>, classes: number, split: string): void {
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i];
    if (!(Number.isInteger(label) && label !== undefined && label >= 0 && label < classes)) {
      throw new Error(
        `The ${split} split's label on row ${i} is ${String(label)}, not a class index 0..${classes - 1}.`,
      );
    }
  }
}
