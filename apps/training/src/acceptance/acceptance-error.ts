/** An acceptance run that could not check anything: a bad option, a missing file, no service. */
export class AcceptanceError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AcceptanceError';
    this.code = code;
  }
}
