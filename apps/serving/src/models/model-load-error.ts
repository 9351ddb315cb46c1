import { ModelshipError } from '@modelship/core';

/** A model could not be loaded or failed verification; the service keeps what it had. */
export class ModelLoadError extends ModelshipError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, { ...options, code });
  }
}
