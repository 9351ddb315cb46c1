import type { Task } from '@modelship/core';
import { computeRocAuc } from '@modelship/core';
import type { PredictionTarget } from './prediction-target.js';
import type { QualitySummary } from './quality-accumulator.js';
import { QualityAccumulator } from './quality-accumulator.js';

/** Which model version, and in which role, made the labelled predictions. */
export interface PerformanceKey {
  model: string;
  version: string;
  variant: string;
}

/** A labelled prediction as LivePerformance takes it (a LoggedPrediction fits). */
export interface LabelledPrediction extends PerformanceKey {
  target: PredictionTarget;
  probability: number | null;
  predicted: number;
}

/**
 * Live quality of one model version and variant over its feedback window: accuracy and macro F1
 * (classification), ROC AUC (binary), MAE and RMSE (regression); null where the task has none.
 */
export interface LivePerformanceSummary extends PerformanceKey, QualitySummary {
  task: Task;
  /** Binary: labelled rows whose true class is the positive one. Else null. */
  positives: number | null;
  /** Binary: null until both classes are in the window. */
  rocAuc: number | null;
}

/**
 * The last `window` labelled predictions per model version and variant, in fixed-size rings.
 * Adding is O(1); metrics are computed only when asked (on scrape or summary).
 */
export class LivePerformance {
  private readonly rings = new Map<string, Ring>();

  constructor(
    readonly window: number,
    private readonly maxKeys = 32,
  ) {}

  /** Adds a prediction with its true label (a class index, or a value for regression). */
  add(prediction: LabelledPrediction, label: number): void {
    const id = `${prediction.model}\u0000${prediction.version}\u0000${prediction.variant}`;
    let ring = this.rings.get(id);
    if (ring) this.rings.delete(id);
    else ring = createRing(prediction, this.window);
    // Most recently labelled last, so the least recent key is evicted first.
    this.rings.set(id, ring);
    if (this.rings.size > this.maxKeys) this.rings.delete(this.rings.keys().next().value ?? '');
    ring.probabilities[ring.next] = prediction.probability ?? Number.NaN;
    ring.predicted[ring.next] = prediction.predicted;
    ring.labels[ring.next] = label;
    ring.next = (ring.next + 1) % this.window;
    ring.filled = Math.min(ring.filled + 1, this.window);
  }

  summarise(): LivePerformanceSummary[] {
    return [...this.rings.values()].map((ring) => {
      const { task, classes } = ring.target;
      const rows = ring.filled;
      const quality = new QualityAccumulator(task, classes.length);
      for (let i = 0; i < rows; i++) quality.add(ring.predicted[i], ring.labels[i]);
      const labels = ring.labels.subarray(0, rows);
      const binary = task === 'binary';
      return {
        ...ring.key,
        task,
        ...quality.summary(),
        positives: binary ? labels.reduce((sum, label) => sum + label, 0) : null,
        rocAuc: binary ? computeRocAuc(labels, ring.probabilities.subarray(0, rows)) : null,
      };
    });
  }
}

// --- internal ---

interface Ring {
  key: PerformanceKey;
  target: PredictionTarget;
  /** Binary: the positive class's probability (for ROC AUC); else unused. */
  probabilities: Float64Array;
  /** Class indexes, or values for regression. */
  predicted: Float64Array;
  labels: Float64Array;
  next: number;
  filled: number;
}

function createRing(prediction: LabelledPrediction, window: number): Ring {
  return {
    key: { model: prediction.model, version: prediction.version, variant: prediction.variant },
    target: prediction.target,
    probabilities: new Float64Array(window),
    predicted: new Float64Array(window),
    labels: new Float64Array(window),
    next: 0,
    filled: 0,
  };
}
