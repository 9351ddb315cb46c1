import { ModelshipError } from '@modelship/core';

/**
 * An expected failure of the lifecycle demo: a stage that did not behave as it should (v2 not
 * promoted, v3 not rolled back, a command that failed) or a bad option. `value` is the stage or
 * the option at fault.
 */
export class DemoError extends ModelshipError {
  constructor(
    code: string,
    message: string,
    readonly value: unknown,
    options?: ErrorOptions,
  ) {
    super(message, { ...options, code });
  }
}
