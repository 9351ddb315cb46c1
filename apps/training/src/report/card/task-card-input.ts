import type { TaskEvaluation } from '../../evaluate/evaluate-task-predictions.js';
import type { RegressionSliceMetrics } from '../../evaluate/regression-slices.js';
import type { ModelCardInput } from './card-input.js';

/** What a multiclass or regression card shows. */
export interface TaskCardInput {
  name: string;
  target: string;
  features: string[];
  evaluation: TaskEvaluation;
  /** ISO 8601. */
  createdAt: string;
  data: ModelCardInput['data'];
  training: ModelCardInput['training'];
  /** Model and split hyper-parameters from params.yaml. */
  params: Record<string, unknown>;
  /** Regression: MAE and RMSE per value of each slice column. */
  slices?: Readonly<Record<string, readonly RegressionSliceMetrics[]>>;
  /** Plot files relative to the card (`TASK_PLOT_FILES`); none in the CI step summary. */
  plots?: readonly string[];
}
