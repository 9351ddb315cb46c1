import { readFileSync } from 'node:fs';
import type { Task } from '@modelship/core';
import type { CtParams, GateParams } from './params-types.js';

/**
 * Where a new workspace's per-task defaults live: plain JSON, so the scaffolder (published alone,
 * importing no workspace package) reads the same file from its template.
 */
export const TASK_DEFAULTS_FILE = new URL('./task-defaults.json', import.meta.url);

/** The `ct.live` limits a new workspace starts from. */
export type LiveLimits = NonNullable<CtParams['live']>;

type TaskDefaults = Readonly<Record<Task, { gate: GateParams; ct_live: LiveLimits }>>;

let taskDefaults: TaskDefaults | undefined;

// Read on first use only: a bundled service imports this module but never asks for defaults,
// and its bundle holds no task-defaults.json.
function readTaskDefaults(): TaskDefaults {
  taskDefaults ??= JSON.parse(readFileSync(TASK_DEFAULTS_FILE, 'utf8')) as TaskDefaults;
  return taskDefaults;
}

/**
 * A fresh copy of the gate a new workspace starts from, per task: the metric compared against
 * production and floors or ceilings a useful model clears. Binary is the shipped params.yaml's
 * gate; multiclass gates on macro F1 (every class counts alike, whatever its size); regression on
 * R² above 0 (better than predicting the mean) and compares RMSE, in the target's units, with a
 * margin of 0 because no fixed margin fits every unit.
 */
export function readTaskGateDefaults(task: Task): GateParams {
  return { ...readTaskDefaults()[task].gate };
}

/**
 * A fresh copy of the task's default `ct.live` limits: the shipped params.yaml's for binary;
 * the gate's floors for multiclass; for regression none (null), since an error ceiling is in the
 * target's units (the scaffolder derives one from the user's data).
 */
export function readTaskLiveDefaults(task: Task): LiveLimits {
  return { ...readTaskDefaults()[task].ct_live };
}
