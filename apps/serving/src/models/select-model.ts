import { NotReadyError } from '../http/serving-error.js';
import type { ModelSlots, RoutedRequest } from './model-slots.js';
import type { ModelVersion } from './model-version.js';

/**
 * Picks the model version that answers a request: the running rollout's choice (canary weight,
 * A/B key, blue/green switch), else the stable version. Only loaded, verified versions are in
 * the slots, so only they can be picked.
 */
export function selectModel(slots: ModelSlots, req: RoutedRequest): ModelVersion {
  const model = slots.route(req);
  if (!model) throw new NotReadyError();
  return model;
}
