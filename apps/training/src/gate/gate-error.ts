/** A gate that cannot be decided: bad `gate:` params, unreadable metrics or production file. */
export class GateError extends Error {
  readonly code: string;
  readonly value: unknown;

  constructor(code: string, message: string, value?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GateError';
    this.code = code;
    this.value = value;
  }
}
