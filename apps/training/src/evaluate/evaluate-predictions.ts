import {
  computeCalibrationBins,
  computeExpectedCalibrationError,
  type CalibrationBin,
} from './calibration.js';
import { computePrCurve, computeRocCurve, type PrPoint, type RocPoint } from './curves.js';
import { assertScorable } from './evaluation-error.js';
import { computeBrierScore, computeLogLoss } from './probability-metrics.js';
import { computeRocAuc } from '@modelship/core';
import { computeAveragePrecision } from './rank-metrics.js';
import {
  computeConfusionMatrix,
  computeThresholdMetrics,
  type ConfusionMatrix,
} from './threshold-metrics.js';

/** The headline numbers of one model on the test split; NaN where undefined (a single class). */
export interface HeadlineMetrics {
  roc_auc: number;
  pr_auc: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  log_loss: number;
  brier: number;
  ece: number;
}

/** Everything measured about one model's test predictions. */
export interface ModelEvaluation {
  metrics: HeadlineMetrics;
  threshold: number;
  rows: number;
  positiveRate: number;
  confusion: ConfusionMatrix;
  roc: RocPoint[];
  pr: PrPoint[];
  calibration: CalibrationBin[];
}

export interface EvaluateOptions {
  /** Probability at or above which a row is predicted positive (params.evaluate.threshold). */
  threshold: number;
  /** Bins of the reliability curve. @default 10 */
  calibrationBins?: number;
}

/** Scores one model's probabilities against 0/1 labels. */
export function evaluatePredictions(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  options: EvaluateOptions,
): ModelEvaluation {
  assertScorable(labels, probabilities);
  const confusion = computeConfusionMatrix(labels, probabilities, options.threshold);
  const calibration = computeCalibrationBins(labels, probabilities, options.calibrationBins ?? 10);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  return {
    metrics: {
      // metrics.json keeps DVC's numeric format: an undefined AUC is written as NaN (null in JSON).
      roc_auc: computeRocAuc(labels, probabilities) ?? Number.NaN,
      pr_auc: computeAveragePrecision(labels, probabilities),
      ...computeThresholdMetrics(confusion),
      log_loss: computeLogLoss(labels, probabilities),
      brier: computeBrierScore(labels, probabilities),
      ece: computeExpectedCalibrationError(calibration),
    },
    threshold: options.threshold,
    rows: labels.length,
    positiveRate: positives / labels.length,
    confusion,
    roc: computeRocCurve(labels, probabilities),
    pr: computePrCurve(labels, probabilities),
    calibration,
  };
}
