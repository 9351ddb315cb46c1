import { ModelshipError } from '@modelship/core';

/** An environment variable holds a value the service cannot use; names it, the value and a fix. */
export class ConfigError extends ModelshipError {
  override readonly code = 'E_CONFIG';

  constructor(
    readonly variable: string,
    readonly value: string | undefined,
    message: string,
  ) {
    super(`${variable}=${JSON.stringify(value ?? '')}: ${message}`);
  }
}
