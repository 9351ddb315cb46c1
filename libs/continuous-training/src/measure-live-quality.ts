import { computeClassMetrics, computeRocAuc, type Task } from '@modelship/core';
import type { FeedbackRecord } from '@modelship/feedback-store';
import type { LiveQuality } from './triggers/index.js';

/** The live figures of one task, without where they came from. */
export type LiveFigures = Omit<LiveQuality, 'rows' | 'source'>;

/**
 * The figures serving exports for the task (`modelship_live_*`), computed from labelled
 * feedback records of that task: accuracy and macro F1 for classification (ROC AUC of the
 * positive-class probability too for binary; null over one class), RMSE and MAE in the target's
 * units for regression. Null when there is no record.
 */
export function measureLiveQuality(
  records: readonly FeedbackRecord[],
  task: Task,
): LiveFigures | null {
  if (records.length === 0) return null;
  const none: LiveFigures = { accuracy: null, rocAuc: null, macroF1: null, rmse: null, mae: null };
  if (task === 'regression') {
    let squared = 0;
    let absolute = 0;
    for (const record of records) {
      const error = Number(record.label) - Number(record.predicted);
      squared += error * error;
      absolute += Math.abs(error);
    }
    return { ...none, rmse: Math.sqrt(squared / records.length), mae: absolute / records.length };
  }
  const { accuracy, macroF1 } = computeClassMetrics(
    countConfusion(records.map((r) => [String(r.label), String(r.predicted)])),
  );
  const rocAuc =
    task === 'binary'
      ? computeRocAuc(
          records.map((r) => Number(r.label)),
          records.map((r) => Number(r.probability)),
        )
      : null;
  return { ...none, accuracy, macroF1, rocAuc };
}

// --- internal ---

// counts[actual][predicted] over every class text seen in either column.
function countConfusion(pairs: readonly [actual: string, predicted: string][]): number[][] {
  const index = new Map<string, number>();
  for (const pair of pairs)
    for (const value of pair) if (!index.has(value)) index.set(value, index.size);
  const counts = Array.from({ length: index.size }, () => new Array<number>(index.size).fill(0));
  for (const [actual, predicted] of pairs)
    (counts[index.get(actual) as number] as number[])[index.get(predicted) as number] += 1;
  return counts;
}
