import type { DatasetSchema, ReferenceStats } from '@modelship/data-validation';
import { computePredictionReference, computeReferenceStats } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { predictClasses } from '../evaluate/multiclass-confusion.js';
import type { TaskDataset } from './load-task-dataset.js';

/** The model's answers on the training rows, as the ONNX model gives them, with its task. */
export interface TrainingPredictions {
  task: Pick<TaskDataset, 'task' | 'classes'>;
  /** Binary: one positive probability per row; multiclass: K per row (row-major); regression: the value. */
  outputs: ArrayLike<number>;
}

/**
 * reference-stats.json of a bundle: the training split's features (for feature drift) and the
 * model's predictions on that split (for prediction drift), binned alike. Multiclass predictions
 * are the predicted class texts; binary ones the positive probability; regression ones the value.
 */
export async function computeTrainingReferenceStats(
  rows: readonly RawRow[],
  schema: DatasetSchema,
  bins: number,
  predictions: TrainingPredictions,
): Promise<ReferenceStats> {
  const stats = await computeReferenceStats(rows, schema, { bins });
  return { ...stats, prediction: computePredictionReference(selectPredictedValues(predictions), { bins }) };
}

/** What prediction drift watches per row: the predicted class text, or the one number. */
export function selectPredictedValues({ task, outputs }: TrainingPredictions): ArrayLike<number> | string[] {
  if (task.task !== 'multiclass') return outputs;
  const classes = task.classes ?? [];
  return Array.from(predictClasses(outputs, classes.length), (index) => classes[index] ?? String(index));
}
