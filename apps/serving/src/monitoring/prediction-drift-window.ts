import type { DriftThresholds, FeatureDrift, ReferenceStats } from '@modelship/data-validation';
import { computeDrift } from '@modelship/data-validation';
import type { Scores } from '../models/predict-matrix.js';
import { DriftWindow } from './drift-window.js';

/** A prediction as its reference holds it: a probability or value, or a class text. */
export type PredictionValue = number | string;

/**
 * The sliding window of a model version's predictions, on the bins of its bundle's
 * `referenceStats.prediction` (the model's predictions on the training split): the same
 * window and PSI as feature drift, over one column. Adding a prediction allocates nothing.
 */
export class PredictionDriftWindow {
  private readonly window: DriftWindow;
  private readonly row: Record<string, PredictionValue | undefined>;
  private readonly name: string;
  private readonly addValue = (value: PredictionValue) => this.add(value);

  /** `stats` must hold a `prediction` reference (see `hasPredictionReference`). */
  constructor(stats: ReferenceStats & Required<Pick<ReferenceStats, 'prediction'>>, size: number) {
    this.name = stats.prediction.name;
    this.window = new DriftWindow({ ...stats, features: [stats.prediction] }, size);
    this.row = { [this.name]: undefined };
  }

  add(value: PredictionValue): void {
    this.row[this.name] = value;
    this.window.add(this.row);
  }

  /** Adds every row of scored predictions (`classes`: the version's, for multiclass texts). */
  addScores(scores: Scores, classes: readonly string[]): void {
    forEachPredictionValue(scores, classes, this.addValue);
  }

  /** The window's rows and the drift of its predictions against the reference. */
  report(thresholds: DriftThresholds): { windowRows: number; drift: FeatureDrift } {
    const snapshot = this.window.snapshot();
    const [drift] = computeDrift(this.window.reference, snapshot, thresholds).features;
    return { windowRows: snapshot.rows, drift };
  }
}

/** Whether a bundle's reference statistics carry the predictions' reference. */
export function hasPredictionReference(
  stats: ReferenceStats,
): stats is ReferenceStats & Required<Pick<ReferenceStats, 'prediction'>> {
  return stats.prediction !== undefined;
}

/**
 * Calls `visit` with what prediction drift counts for each row, as the reference holds it: the
 * binary positive-class probability, the multiclass predicted class's text, the regression value.
 */
export function forEachPredictionValue(
  scores: Scores,
  classes: readonly string[],
  visit: (value: PredictionValue) => void,
): void {
  if (scores.task === 'regression') for (const value of scores.values) visit(value);
  else if (scores.task === 'binary') for (const value of scores.probabilities) visit(value);
  else for (const index of scores.labels) visit(classes[index] ?? '');
}

/** Why a version has no prediction drift although its feature drift works. */
export const NO_PREDICTION_REFERENCE =
  "the bundle's reference-stats.json has no `prediction` reference (it was trained before prediction drift existed); retrain and register the model to get one";
