/** Every task params.yaml `task:` may declare, in the order the docs list them. */
export const TASKS = ['binary', 'multiclass', 'regression'] as const;

/** What the model predicts: one of two classes, one of several classes, or a number. */
export type Task = (typeof TASKS)[number];

/** The task of a workspace whose params.yaml has no `task:` key (every workspace before #13). */
export const DEFAULT_TASK: Task = 'binary';

/** Whether `value` names a task, for narrowing text from a flag or a file. */
export function isTask(value: unknown): value is Task {
  return typeof value === 'string' && (TASKS as readonly string[]).includes(value);
}
