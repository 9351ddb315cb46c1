import type { Task } from '@modelship/core';
import type { TargetKind, TargetSchema } from './dataset-schema.js';

const TASK_OF_KIND: Readonly<Record<TargetKind, Task>> = {
  binary: 'binary',
  multiclass: 'multiclass',
  numeric: 'regression',
};

/** The task a schema's target belongs to: binary, multiclass, or regression for `numeric`. */
export function getTargetTask(target: Pick<TargetSchema, 'kind'>): Task {
  return TASK_OF_KIND[target.kind];
}

/** The target kind a task's schema declares (regression targets are `numeric`). */
export function getTargetKind(task: Task): TargetKind {
  return task === 'regression' ? 'numeric' : task;
}
