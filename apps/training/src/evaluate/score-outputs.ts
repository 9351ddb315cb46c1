import type { Task } from '@modelship/core';
import { evaluatePredictions } from './evaluate-predictions.js';
import { buildTaskMetricsJson } from './evaluate-task-predictions.js';
import { computeMulticlassMetrics } from './multiclass-metrics.js';
import { computeRegressionMetrics } from './regression-metrics.js';

/** How to read a model's outputs: its class vocabulary and, for binary, the decision threshold. */
export interface OutputReading {
  classes: readonly string[];
  threshold: number;
}

/**
 * A model's test metrics from its raw outputs, under metrics.json's keys for the task: binary
 * positive probabilities at the threshold, multiclass K probabilities per row (labels are class
 * indices into `classes`), regression values in the target's units. No baselines.
 * @throws EvaluationError when the outputs cannot be scored (lengths, not probabilities, not finite)
 */
export function scoreOutputs(
  task: Task,
  labels: ArrayLike<number>,
  outputs: ArrayLike<number>,
  { classes, threshold }: OutputReading,
): Record<string, number> {
  if (task === 'binary') return { ...evaluatePredictions(labels, outputs, { threshold }).metrics };
  if (task === 'regression') {
    return buildTaskMetricsJson({ task, network: computeRegressionMetrics(labels, outputs), rows: labels.length, baselines: [] });
  }
  return buildTaskMetricsJson({ task, network: computeMulticlassMetrics(labels, outputs, classes), baselines: [] });
}
