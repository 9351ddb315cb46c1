import type { Request } from 'express';
import { NotReadyError } from '../errors/serving-error.js';
import type { ModelSlots } from './model-slots.js';
import type { ModelVersion } from './model-version.js';

/**
 * Picks the model version that answers a request. Today that is always the stable version;
 * rollouts (canary weights, A/B keys, blue/green) replace this one function.
 */
export function selectModel(slots: ModelSlots, _req: Request): ModelVersion {
  const model = slots.stable;
  if (!model) throw new NotReadyError();
  return model;
}
