import type { CalibrationBin } from './calibration.js';
import { computeCalibrationBins, computeExpectedCalibrationError } from './calibration.js';

/** Top-label calibration of a multiclass model: its confidence against how often it is right. */
export interface TopLabelCalibration {
  /** Bins over the predicted class's probability; `observedRate` is the accuracy in the bin. */
  bins: CalibrationBin[];
  /** The count-weighted mean gap between confidence and accuracy (top-label ECE). */
  ece: number;
}

/**
 * Top-label calibration (Guo et al. 2017): each row's confidence is the probability of its
 * predicted class, and it counts as a hit when that class is the true one, so a calibrated model
 * is right 80% of the time when it says 0.8. One reliability curve, whatever the class count.
 */
export function computeTopLabelCalibration(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classCount: number,
  bins = 10,
): TopLabelCalibration {
  const hits = new Uint8Array(labels.length);
  const confidence = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i += 1) {
    const k = predicted[i] ?? 0;
    confidence[i] = probabilities[i * classCount + k] ?? 0;
    hits[i] = labels[i] === k ? 1 : 0;
  }
  const calibration = computeCalibrationBins(hits, confidence, bins);
  return { bins: calibration, ece: computeExpectedCalibrationError(calibration) };
}
