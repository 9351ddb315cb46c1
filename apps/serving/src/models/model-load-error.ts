/** A model could not be loaded or failed verification; the service keeps what it had. */
export class ModelLoadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}
