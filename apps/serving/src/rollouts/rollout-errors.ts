import { ServingError } from '../http/serving-error.js';

/** A rollout is already running, or there is none to act on (409). */
export class RolloutConflictError extends ServingError {
  constructor(message: string) {
    super('E_ROLLOUT_CONFLICT', 409, message);
  }
}

/** Rollouts take their candidate from the registry; a MODEL_DIR service has none (409). */
export class RolloutUnavailableError extends ServingError {
  constructor() {
    super(
      'E_ROLLOUT_SOURCE',
      409,
      'Rollouts take candidates from the registry, but this service serves MODEL_DIR; set MODEL_REGISTRY instead.',
    );
  }
}
