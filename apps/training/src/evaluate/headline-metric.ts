import type { Task } from '@modelship/core';

/**
 * The metric each task is judged by first (what the card leads with and the default gate compares
 * with production), and the id of the task's in-run linear baseline that the network must beat.
 */
export const HEADLINE_METRICS: Readonly<Record<Task, { metric: string; linearBaseline: string }>> = {
  binary: { metric: 'roc_auc', linearBaseline: 'logistic_regression' },
  multiclass: { metric: 'macro_f1', linearBaseline: 'logistic_regression' },
  regression: { metric: 'rmse', linearBaseline: 'ridge' },
};
