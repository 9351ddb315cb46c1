import { isTask, type Task } from '@modelship/core';
import { InvalidFeedbackRecordError } from './feedback-store-error.js';

/** What every labelled prediction carries, whatever the task. */
interface FeedbackRecordBase {
  predictionId: string;
  model: string;
  version: string;
  variant: string;
  /** ISO 8601 time of the prediction. */
  predictedAt: string;
  /** ISO 8601 time the label arrived; `read({ since })` filters on it. */
  labelledAt: string;
  /** The raw features as the service received them (before the feature transform). */
  features: Record<string, unknown>;
}

/** A binary prediction; records written before tasks existed have no `task` and are binary. */
export interface BinaryFeedbackRecord extends FeedbackRecordBase {
  task?: 'binary';
  /** The model's probability of the positive class. */
  probability: number;
  /** 1 is the positive class. */
  predicted: 0 | 1;
  label: 0 | 1;
}

/** A multiclass prediction: classes as their texts (the model's `classes`). */
export interface MulticlassFeedbackRecord extends FeedbackRecordBase {
  task: 'multiclass';
  /** The model's probability of the class it predicted. */
  probability: number;
  predicted: string;
  label: string;
}

/** A regression prediction: values in the target's units. */
export interface RegressionFeedbackRecord extends FeedbackRecordBase {
  task: 'regression';
  probability: null;
  predicted: number;
  label: number;
}

/** One labelled prediction: what the model answered, the true label that came later, the input. */
export type FeedbackRecord =
  BinaryFeedbackRecord | MulticlassFeedbackRecord | RegressionFeedbackRecord;

/** The task a record belongs to (binary when it has none). */
export function getFeedbackTask(record: FeedbackRecord): Task {
  return record.task ?? 'binary';
}

/**
 * Checks that `value` is a FeedbackRecord, field by field, and returns it typed.
 * `where` names the record in the error (for example `churn.jsonl:12`).
 */
export function checkFeedbackRecord(value: unknown, where: string): FeedbackRecord {
  if (!isObject(value)) throw new InvalidFeedbackRecordError(where, '(record)', 'is not an object');
  for (const field of STRING_FIELDS) {
    if (typeof value[field] !== 'string' || value[field] === '') {
      throw new InvalidFeedbackRecordError(where, field, 'must be a non-empty string');
    }
  }
  for (const field of TIME_FIELDS) {
    if (Number.isNaN(Date.parse(value[field] as string))) {
      throw new InvalidFeedbackRecordError(where, field, 'must be an ISO 8601 time');
    }
  }
  const task = value['task'] ?? 'binary';
  if (!isTask(task)) {
    throw new InvalidFeedbackRecordError(where, 'task', 'must be binary, multiclass or regression');
  }
  checkPrediction(value, task, where);
  if (!isObject(value['features'])) {
    throw new InvalidFeedbackRecordError(where, 'features', 'must be an object');
  }
  return value as unknown as FeedbackRecord;
}

// --- internal ---

const STRING_FIELDS = [
  'predictionId',
  'model',
  'version',
  'variant',
  'predictedAt',
  'labelledAt',
] as const;
const TIME_FIELDS = ['predictedAt', 'labelledAt'] as const;
const LABEL_FIELDS = ['predicted', 'label'] as const;

// probability, predicted and label as the task defines them.
function checkPrediction(value: Record<string, unknown>, task: Task, where: string): void {
  const probability = value['probability'];
  if (task === 'regression') {
    if (probability !== null)
      throw new InvalidFeedbackRecordError(where, 'probability', 'must be null for a regression');
  } else if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw new InvalidFeedbackRecordError(where, 'probability', 'must be a number in [0, 1]');
  }
  for (const field of LABEL_FIELDS) {
    const label = value[field];
    if (task === 'binary' && label !== 0 && label !== 1)
      throw new InvalidFeedbackRecordError(where, field, 'must be 0 or 1');
    if (task === 'multiclass' && (typeof label !== 'string' || label === ''))
      throw new InvalidFeedbackRecordError(
        where,
        field,
        'must be a class text (a non-empty string)',
      );
    if (task === 'regression' && (typeof label !== 'number' || !Number.isFinite(label)))
      throw new InvalidFeedbackRecordError(where, field, 'must be a finite number');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
