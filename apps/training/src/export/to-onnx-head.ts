import type { TrainedNetwork } from '../train/train-network.js';
import type { OnnxHead } from './build-onnx-model.js';

/**
 * The ONNX head of a trained network: its task, with the target's scaling for regression.
 * @throws Error when a regression network lacks its target scaling
 */
export function toOnnxHead(trained: Pick<TrainedNetwork, 'head' | 'targetScaling'>): OnnxHead {
  const { head, targetScaling } = trained;
  if (head.task !== 'regression') return { task: head.task };
  if (targetScaling === null)
    throw new Error('A regression network was trained without its target scaling.');
  return { task: 'regression', scaling: targetScaling };
}
