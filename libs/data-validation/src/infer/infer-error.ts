import { ModelshipError } from '@modelship/core';

/** A schema that cannot be inferred, for example a target column absent from the CSV. */
export class InferError extends ModelshipError {
  constructor(
    override readonly code:
      'E_INFER_TARGET' | 'E_INFER_EMPTY' | 'E_TARGET_UNUSABLE' | 'E_TARGET_TASK',
    readonly file: string,
    readonly value: unknown,
    problem: string,
    override readonly fix: string,
  ) {
    super(`${file}: ${problem}. Fix: ${fix}`, { code, fix });
  }
}
