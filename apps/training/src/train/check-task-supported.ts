import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { getTargetKind, getTargetTask } from '@modelship/data-validation';
import { TaskError } from './task-error.js';

/** The tasks `trainModel` trains: every task params.yaml can declare. */
export const TRAINABLE_TASKS: readonly Task[] = ['binary', 'multiclass', 'regression'];

/**
 * Stops training before any data is read when params.yaml's task and the schema's target
 * disagree, instead of failing later on the data ("a binary target holds a third class").
 * @throws TaskError `E_TASK_MISMATCH`, naming the task, the target and the fix
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
}
