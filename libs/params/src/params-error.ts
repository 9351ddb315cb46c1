import { ModelshipError } from '@modelship/core';

/**
 * A params.yaml that cannot be read or does not match its schema. The message names the key
 * path, the value and what is allowed, e.g.
 * `params.yaml: model.learning_rate must be a number > 0, got 0`.
 */
export class ParamsError extends ModelshipError {
  override readonly code = 'E_PARAMS';

  constructor(
    message: string,
    /** The key path, like `model.learning_rate` (empty for the whole file). */
    readonly path = '',
    /** The offending value (undefined when the key is missing). */
    readonly value?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
