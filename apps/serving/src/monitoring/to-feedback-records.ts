import type { FeedbackRecord } from '@modelship/feedback-store';
import { checkFeedbackRecord } from '@modelship/feedback-store';
import type { LoggedPrediction } from './prediction-log.js';

/**
 * The feedback store's records for a labelled prediction: one with its raw features, none for a
 * tensor-input prediction (it counts for live accuracy only).
 */
export function toFeedbackRecords(
  entry: LoggedPrediction,
  label: 0 | 1,
  labelledAt: string,
): FeedbackRecord[] {
  if (entry.features === null) return [];
  return [
    {
      predictionId: entry.id,
      model: entry.model,
      version: entry.version,
      variant: entry.variant,
      predictedAt: new Date(entry.at).toISOString(),
      labelledAt,
      probability: entry.probability,
      predicted: entry.predicted,
      label,
      features: entry.features,
    },
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
