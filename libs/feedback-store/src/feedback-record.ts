import { InvalidFeedbackRecordError } from './feedback-store-error.js';

/** One labelled prediction: what the model answered, the true label that came later, the input. */
export interface FeedbackRecord {
  predictionId: string;
  model: string;
  version: string;
  variant: string;
  /** ISO 8601 time of the prediction. */
  predictedAt: string;
  /** ISO 8601 time the label arrived; `read({ since })` filters on it. */
  labelledAt: string;
  /** The model's probability of the positive class. */
  probability: number;
  predicted: 0 | 1;
  label: 0 | 1;
  /** The raw features as the service received them (before the feature transform). */
  features: Record<string, unknown>;
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
  const probability = value['probability'];
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    throw new InvalidFeedbackRecordError(where, 'probability', 'must be a number in [0, 1]');
  }
  for (const field of BINARY_FIELDS) {
    if (value[field] !== 0 && value[field] !== 1) {
      throw new InvalidFeedbackRecordError(where, field, 'must be 0 or 1');
    }
  }
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
const BINARY_FIELDS = ['predicted', 'label'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
