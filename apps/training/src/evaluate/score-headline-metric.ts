import { computeRocAuc } from '@modelship/core';
import type { ModelHead } from '../train/model-family.js';
import { HEADLINE_METRICS } from './headline-metric.js';
import { computeMulticlassMetrics } from './multiclass-metrics.js';
import { computeRegressionMetrics } from './regression-metrics.js';

/**
 * A model's answers on some labelled rows scored by the task's headline metric (ROC AUC, macro
 * F1 or RMSE): `outputs` are what `FittedModel.predict` gives, `labels` 0/1, class indices or
 * values. NaN when the metric is undefined on these rows (ROC AUC of a single class).
 */
export function scoreHeadlineMetric(
  head: ModelHead,
  labels: ArrayLike<number>,
  outputs: ArrayLike<number>,
): { metric: string; value: number } {
  const { metric } = HEADLINE_METRICS[head.task];
  if (head.task === 'binary') return { metric, value: computeRocAuc(labels, outputs) ?? Number.NaN };
  if (head.task === 'multiclass') {
    const classes = Array.from({ length: head.classes }, (_, k) => String(k));
    return { metric, value: computeMulticlassMetrics(labels, outputs, classes).metrics.macro_f1 };
  }
  return { metric, value: computeRegressionMetrics(labels, outputs).rmse };
}
