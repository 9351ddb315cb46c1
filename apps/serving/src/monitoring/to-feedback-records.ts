import type { FeedbackRecord } from '@modelship/feedback-store';
import { checkFeedbackRecord } from '@modelship/feedback-store';
import type { LoggedPrediction } from './prediction-log.js';

/**
 * The feedback store's records for a labelled prediction, in the user's form for its task
 * (`label` is a class index or a value, as resolveFeedbackLabel gives it): binary 0/1 as before
 * tasks, multiclass class texts, regression values. One record with the raw features, none for a
 * tensor-input prediction (it counts for live metrics only).
 */
export function toFeedbackRecords(
  entry: LoggedPrediction,
  label: number,
  labelledAt: string,
): FeedbackRecord[] {
  if (entry.features === null) return [];
  const base = {
    predictionId: entry.id,
    model: entry.model,
    version: entry.version,
    variant: entry.variant,
  };
  const rest = {
    predictedAt: new Date(entry.at).toISOString(),
    labelledAt,
    features: entry.features,
  };
  const { task, classes } = entry.target;
  if (task === 'regression') {
    return [{ ...base, task, ...rest, probability: null, predicted: entry.predicted, label }];
  }
  const probability = entry.probability ?? Number.NaN;
  if (task === 'multiclass') {
    const predicted = classes[entry.predicted] ?? '';
    return [{ ...base, task, ...rest, probability, predicted, label: classes[label] ?? '' }];
  }
  return [
    { ...base, ...rest, probability, predicted: toBinary(entry.predicted), label: toBinary(label) },
  ];
}

/**
 * Why the store would refuse these records, or null: such an item is answered `invalid` on its
 * own, rather than failing the whole append with a 503 that no retry could ever fix.
 */
export function findRecordProblem(records: FeedbackRecord[]): string | null {
  try {
    for (const record of records) checkFeedbackRecord(record, 'the logged prediction');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

// --- internal ---

// Anything but 0 or 1 (never from a binary model) is left for checkFeedbackRecord to refuse.
function toBinary(index: number): 0 | 1 {
  return index as 0 | 1;
}
