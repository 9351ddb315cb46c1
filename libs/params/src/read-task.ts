import type { Task } from '@modelship/core';
import { DEFAULT_TASK } from '@modelship/core';
import type { Params } from './params-types.js';

/** params.yaml `task`, or binary when the key is absent (workspaces made before it existed). */
export function readTask(params: Pick<Params, 'task'>): Task {
  return params.task ?? DEFAULT_TASK;
}
