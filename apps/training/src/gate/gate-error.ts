import { ModelshipError } from '@modelship/core';

/** A gate that cannot be decided: bad `gate:` params, unreadable metrics or production file. */
export class GateError extends ModelshipError {
  readonly value: unknown;

  constructor(code: string, message: string, value?: unknown, options?: ErrorOptions) {
    super(message, { ...options, code });
    this.value = value;
  }
}
