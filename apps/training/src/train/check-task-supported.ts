import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { getTargetKind, getTargetTask } from '@modelship/data-validation';
import { TaskError } from './task-error.js';

/** The tasks `trainModel` trains today; multiclass and regression arrive with issue #13. */
export const TRAINABLE_TASKS: readonly Task[] = ['binary'];

/**
 * Stops training before any data is read when params.yaml's task and the schema's target
 * disagree, or when the task is one this version cannot train yet, instead of failing later on
 * the data ("a binary target holds a third class").
 * @throws TaskError `E_TASK_MISMATCH` / `E_TASK_UNSUPPORTED`, naming the task, the target and the fix
 */
export function checkTaskSupported(task: Task, schema: DatasetSchema, schemaFile: string): void {
  const target = schema.target.column;
  const schemaTask = getTargetTask(schema.target);
  if (schemaTask !== task) {
    throw new TaskError(
      'E_TASK_MISMATCH',
      task,
      target,
      `params.yaml declares task ${task} but ${schemaFile} declares target "${target}" as ${schema.target.kind} (task ${schemaTask})`,
      `set \`task: ${schemaTask}\` in params.yaml, or set the schema's target.kind to "${getTargetKind(task)}" if the target really is ${task}`,
    );
  }
  if (!TRAINABLE_TASKS.includes(task)) {
    throw new TaskError(
      'E_TASK_UNSUPPORTED',
      task,
      target,
      `not supported yet: task ${task} (target "${target}"); this version trains ${TRAINABLE_TASKS.join(', ')} targets only, multiclass and regression arrive with issue #13`,
      'choose a target column with two values, or map this target to two values and set `task: binary` in params.yaml',
    );
  }
}
