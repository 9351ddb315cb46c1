import { ModelshipError } from '@modelship/core';

/** An acceptance run that could not check anything: a bad option, a missing file, no service. */
export class AcceptanceError extends ModelshipError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, { ...options, code });
  }
}
