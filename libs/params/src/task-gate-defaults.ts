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

const TASK_DEFAULTS = JSON.parse(readFileSync(TASK_DEFAULTS_FILE, 'utf8')) as Readonly<
  Record<Task, { gate: GateParams; ct_live: LiveLimits }>
>;

/**
 * The gate a new workspace starts from, per task: the metric compared against production and
 * floors or ceilings a useful model clears. Binary is the shipped params.yaml's gate; multiclass
 * gates on macro F1 (every class counts alike, whatever its size); regression on R² above 0
 * (better than predicting the mean) and compares RMSE, in the target's units, with a margin of 0
 * because no fixed margin fits every unit.
 */
export const TASK_GATE_DEFAULTS: Readonly<Record<Task, Readonly<GateParams>>> = {
  binary: TASK_DEFAULTS.binary.gate,
  multiclass: TASK_DEFAULTS.multiclass.gate,
  regression: TASK_DEFAULTS.regression.gate,
};

/** A fresh copy of the task's default gate, to write into a new params.yaml. */
export function readTaskGateDefaults(task: Task): GateParams {
  return { ...TASK_GATE_DEFAULTS[task] };
}

/**
 * A fresh copy of the task's default `ct.live` limits: the shipped params.yaml's for binary;
 * the gate's floors for multiclass; for regression none (null), since an error ceiling is in the
 * target's units (the scaffolder derives one from the user's data).
 */
export function readTaskLiveDefaults(task: Task): LiveLimits {
  return { ...TASK_DEFAULTS[task].ct_live };
}
