import type { Task } from '@modelship/core';

/** The regression loss: squared error, or Huber's (squared within `delta`, linear beyond). */
export type RegressionLoss = { kind: 'mse' } | { kind: 'huber'; delta: number };

/**
 * What the network's last layer answers, per task: one sigmoid probability (binary), a softmax
 * over `classes` (multiclass) or one linear value trained on the standardised target (regression).
 * Regression's Huber `delta` is in standard deviations of the target, since training sees the
 * standardised target: 1 is a sensible default whatever the target's units.
 */
export type NetworkHead =
  | { task: 'binary' }
  | { task: 'multiclass'; classes: number }
  | { task: 'regression'; loss: RegressionLoss };

/** The head every caller had before tasks existed. */
export const BINARY_HEAD: NetworkHead = { task: 'binary' };

/** The name of the network's output layer per task (the binary one predates the others). */
export const OUTPUT_LAYER_NAMES: Readonly<Record<Task, string>> = {
  binary: 'probability',
  multiclass: 'probabilities',
  regression: 'value',
};

/**
 * Checks a head before a network is built from it.
 * @throws Error naming the field and the value when the class count or Huber's delta is unusable
 */
export function checkNetworkHead(head: NetworkHead): void {
  if (head.task === 'multiclass' && !(Number.isInteger(head.classes) && head.classes >= 2)) {
    throw new Error(
      `A multiclass head needs an integer class count of at least 2, got ${String(head.classes)}.`,
    );
  }
  if (head.task === 'regression' && head.loss.kind === 'huber') {
    const { delta } = head.loss;
    if (!(Number.isFinite(delta) && delta > 0)) {
      throw new Error(
        `model.huber_delta must be a positive number (in standard deviations of the target), got ${String(delta)}.`,
      );
    }
  }
}
