import type { Task } from '@modelship/core';
import type { GateParams } from './params-types.js';

/**
 * The gate a new workspace starts from, per task: the metric compared against production and
 * floors or ceilings a useful model clears. Binary is the shipped params.yaml's gate; multiclass
 * gates on macro F1 (every class counts alike, whatever its size); regression on R² above 0
 * (better than predicting the mean) and compares RMSE, in the target's units, with a margin of 0
 * because no fixed margin fits every unit.
 */
export const TASK_GATE_DEFAULTS: Readonly<Record<Task, Readonly<GateParams>>> = {
  binary: {
    min_roc_auc: 0.75,
    min_pr_auc: 0.45,
    max_log_loss: 0.6,
    metric: 'roc_auc',
    margin: 0.002,
  },
  multiclass: { min_macro_f1: 0.5, min_accuracy: 0.5, metric: 'macro_f1', margin: 0.002 },
  regression: { min_r2: 0, metric: 'rmse', margin: 0 },
};

/** A fresh copy of the task's default gate, to write into a new params.yaml. */
export function readTaskGateDefaults(task: Task): GateParams {
  return { ...TASK_GATE_DEFAULTS[task] };
}
