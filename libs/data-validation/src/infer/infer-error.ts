/** A schema that cannot be inferred, for example a target column absent from the CSV. */
export class InferError extends Error {
  override readonly name = 'InferError';
  constructor(
    readonly code: 'E_INFER_TARGET' | 'E_INFER_EMPTY',
    readonly file: string,
    readonly value: unknown,
    problem: string,
    readonly fix: string,
  ) {
    super(`${file}: ${problem}. Fix: ${fix}`);
  }
}
