import { ModelshipError } from '@modelship/core';

/**
 * A continuous-training step that could not run: bad `ct:` params, an unreachable service, an
 * unreadable metrics file or feedback store. Carries the offending value and how to fix it.
 */
export class CtError extends ModelshipError {
  readonly value: unknown;

  constructor(code: string, message: string, value?: unknown, options?: ErrorOptions) {
    super(message, { ...options, code });
    this.value = value;
  }
}
