import type { Task } from '@modelship/core';
import { computeClassMetrics } from '@modelship/core';

/** Live quality of labelled predictions; metrics a task does not have are null. */
export interface QualitySummary {
  labelledRows: number;
  /** Classification: share of predictions whose class was the true one. */
  accuracy: number | null;
  /** Classification (binary too): F1 averaged over the classes labelled or predicted. */
  macroF1: number | null;
  /** Regression: mean absolute error, in the target's units. */
  mae: number | null;
  /** Regression: root mean squared error, in the target's units. */
  rmse: number | null;
}

/**
 * Exact running counts of labelled predictions for one task, in constant memory: a confusion
 * matrix for classification (classes as indexes), sums of absolute and squared errors for
 * regression. What live metrics and the canary's live-quality check are computed from.
 */
export class QualityAccumulator {
  private labelled = 0;
  /** Classification: counts[true class][predicted class]. */
  private readonly counts: number[][];
  private absoluteErrors = 0;
  private squaredErrors = 0;

  constructor(
    readonly task: Task,
    classCount: number,
  ) {
    const size = task === 'regression' ? 0 : classCount;
    this.counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  }

  get rows(): number {
    return this.labelled;
  }

  /** Regression: the mean absolute error so far (0 before any row). */
  get meanAbsoluteError(): number {
    return this.labelled === 0 ? 0 : this.absoluteErrors / this.labelled;
  }

  /** Regression: the sample variance of the absolute errors (0 below two rows). */
  get absoluteErrorVariance(): number {
    const n = this.labelled;
    if (n < 2) return 0;
    const mean = this.absoluteErrors / n;
    return Math.max(0, (this.squaredErrors - n * mean * mean) / (n - 1));
  }

  /** Adds one prediction (class index or value) and its true label (the same kind). */
  add(predicted: number, label: number): void {
    if (this.task === 'regression') {
      const error = predicted - label;
      this.absoluteErrors += Math.abs(error);
      this.squaredErrors += error * error;
    } else {
      const row = this.counts[label] as number[] | undefined;
      // A class index outside the version's classes cannot come from resolveFeedbackLabel.
      if (row === undefined || predicted >= row.length) return;
      row[predicted] += 1;
    }
    this.labelled += 1;
  }

  summary(): QualitySummary {
    const rows = this.labelled;
    const none = { labelledRows: rows, accuracy: null, macroF1: null, mae: null, rmse: null };
    if (rows === 0) return none;
    if (this.task === 'regression') {
      return { ...none, mae: this.meanAbsoluteError, rmse: Math.sqrt(this.squaredErrors / rows) };
    }
    const { accuracy, macroF1 } = computeClassMetrics(this.counts);
    return { ...none, accuracy, macroF1 };
  }
}
