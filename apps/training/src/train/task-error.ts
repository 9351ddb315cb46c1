import { ModelshipError } from '@modelship/core';

/** A task training cannot take: contradicted by the dataset schema. */
export class TaskError extends ModelshipError {
  constructor(
    override readonly code: 'E_TASK_MISMATCH',
    readonly task: string,
    readonly target: string,
    problem: string,
    override readonly fix: string,
  ) {
    super(`${problem}. Fix: ${fix}`, { code, fix });
  }
}
