import { ParamsError } from '@modelship/params';
import type { RegressionLoss } from './network-head.js';

/** Huber's delta when params.yaml leaves it out: one standard deviation of the target. */
export const DEFAULT_HUBER_DELTA = 1;

/**
 * Reads params.yaml `model.loss` (`mse`, the default, or `huber`) and `model.huber_delta`
 * (in standard deviations of the target, default 1) for a regression network.
 * @throws ParamsError naming the key, the value and what is allowed
 */
export function readRegressionLoss(model: Readonly<Record<string, unknown>>): RegressionLoss {
  const loss = model['loss'] ?? 'mse';
  const delta = model['huber_delta'];
  if (loss !== 'mse' && loss !== 'huber') {
    throw new ParamsError(
      `params.yaml: model.loss must be one of mse, huber, got ${JSON.stringify(loss)}`,
      'model.loss',
      loss,
    );
  }
  if (loss === 'mse') {
    if (delta !== undefined) {
      throw new ParamsError(
        'params.yaml: model.huber_delta applies to `loss: huber` only; remove it or set `loss: huber`',
        'model.huber_delta',
        delta,
      );
    }
    return { kind: 'mse' };
  }
  if (delta === undefined) return { kind: 'huber', delta: DEFAULT_HUBER_DELTA };
  if (typeof delta !== 'number' || !Number.isFinite(delta) || delta <= 0) {
    throw new ParamsError(
      `params.yaml: model.huber_delta must be a number > 0 (standard deviations of the target), got ${JSON.stringify(delta)}`,
      'model.huber_delta',
      delta,
    );
  }
  return { kind: 'huber', delta };
}
