import type { Task } from '@modelship/core';
import { computeRocAuc } from '@modelship/core';
import { QualityAccumulator } from '../monitoring/quality-accumulator.js';

/** What a labelled window needs of the version whose predictions it holds. */
export interface WindowTarget {
  task: Task;
  classes: readonly string[];
}

/**
 * Labelled predictions of one model version and variant since a canary started: exact counts
 * for accuracy and macro F1 (classification) or absolute and squared errors (regression), and,
 * for binary models, the last `AUC_ROWS` probabilities and labels for ROC AUC.
 */
export class LabelledWindow {
  readonly quality: QualityAccumulator;
  private readonly probabilities: number[] = [];
  private readonly labels: number[] = [];

  constructor(readonly target: WindowTarget) {
    this.quality = new QualityAccumulator(target.task, target.classes.length);
  }

  get size(): number {
    return this.quality.rows;
  }

  /** Adds a prediction (class index or value, and its probability) with its true label. */
  add(prediction: { probability: number | null; predicted: number }, label: number): void {
    const slot = this.quality.rows % AUC_ROWS;
    this.quality.add(prediction.predicted, label);
    if (this.target.task !== 'binary' || prediction.probability === null) return;
    this.probabilities[slot] = prediction.probability;
    this.labels[slot] = label;
  }

  /** Binary: ROC AUC over the last `AUC_ROWS` labelled rows; null while one class is missing. */
  rocAuc(): number | null {
    return computeRocAuc(this.labels, this.probabilities);
  }
}

// --- internal ---

const AUC_ROWS = 10_000;
