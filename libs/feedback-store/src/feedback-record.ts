import type { Task } from '@modelship/core';
import { InvalidFeedbackRecordError } from './feedback-store-error.js';

/** What every record holds, whatever the model's task. */
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

/**
 * A binary classifier's record: `task` is absent in records written before tasks existed, and
 * labels are 0 or 1 (1 = the positive class, the second of the bundle's classes).
 */
export interface BinaryFeedbackRecord extends FeedbackRecordBase {
  task?: 'binary';
  /** The model's probability of the positive class. */
  probability: number;
  predicted: 0 | 1;
  label: 0 | 1;
}

/** A multiclass classifier's record: classes as the user's texts (the bundle's classes). */
export interface MulticlassFeedbackRecord extends FeedbackRecordBase {
  task: 'multiclass';
  /** The model's probability of the class it predicted. */
  probability: number;
  predicted: string;
  label: string;
}

/** A regression model's record: values in the target's own units. */
export interface RegressionFeedbackRecord extends FeedbackRecordBase {
  task: 'regression';
  probability: null;
  predicted: number;
  label: number;
}

/** One labelled prediction: what the model answered, the true label that came later, the input. */
export type FeedbackRecord =
  BinaryFeedbackRecord | MulticlassFeedbackRecord | RegressionFeedbackRecord;

/** The task a record belongs to (records without `task` are binary: written before tasks). */
export function getFeedbackTask(record: Pick<FeedbackRecord, 'task'>): Task {
  return record.task ?? 'binary';
}

/**
 * Checks that `value` is a FeedbackRecord of its task, field by field, and returns it typed.
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
  const task = value['task'] === undefined ? 'binary' : value['task'];
  if (typeof task !== 'string' || !Object.hasOwn(TASK_RULES, task)) {
    const tasks = Object.keys(TASK_RULES).join(', ');
    throw new InvalidFeedbackRecordError(where, 'task', `must be one of ${tasks} (or absent)`);
  }
  const rules = TASK_RULES[task as Task];
  if (!rules.probability.test(value['probability'])) {
    throw new InvalidFeedbackRecordError(where, 'probability', rules.probability.expected);
  }
  for (const field of LABEL_FIELDS) {
    if (!rules.label.test(value[field])) {
      throw new InvalidFeedbackRecordError(where, field, rules.label.expected);
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
const LABEL_FIELDS = ['predicted', 'label'] as const;

interface Rule {
  test: (value: unknown) => boolean;
  expected: string;
}
interface TaskRules {
  probability: Rule;
  label: Rule;
}

const PROBABILITY: Rule = {
  test: (value) => typeof value === 'number' && value >= 0 && value <= 1,
  expected: 'must be a number in [0, 1]',
};

const TASK_RULES: Record<Task, TaskRules> = {
  binary: {
    probability: PROBABILITY,
    label: { test: (value) => value === 0 || value === 1, expected: 'must be 0 or 1' },
  },
  multiclass: {
    probability: PROBABILITY,
    label: {
      test: (value) => typeof value === 'string' && value !== '',
      expected: 'must be a class text (a non-empty string) in a multiclass record',
    },
  },
  regression: {
    probability: {
      test: (value) => value === null,
      expected: 'must be null in a regression record',
    },
    label: {
      test: (value) => typeof value === 'number' && Number.isFinite(value),
      expected: 'must be a finite number in a regression record',
    },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
