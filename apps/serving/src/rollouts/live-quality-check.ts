import type { LabelListener } from '../monitoring/serving-monitor.js';
import type { CheckOutcome } from './canary-checks.js';
import type { WindowTarget } from './labelled-window.js';
import { LabelledWindow } from './labelled-window.js';
import type { AccuracyThresholds } from './live-accuracy-check.js';
import { compareAccuracy } from './live-accuracy-check.js';
import type { ErrorThresholds } from './live-error-check.js';
import { compareErrors } from './live-error-check.js';

/** The canary options of the live-quality check, for every task. */
export type LiveQualityThresholds = AccuracyThresholds & ErrorThresholds;

/** The names of the live-quality checks: they never hold a canary step while inconclusive. */
export const LIVE_QUALITY_CHECKS: readonly string[] = ['live_accuracy', 'live_error'];

/**
 * The canary's live-quality check for the candidate's task: accuracy (two-proportion z-test) for
 * classification, mean absolute error (Welch t-test) for regression. A stable version of another
 * task cannot be compared: inconclusive.
 */
export function compareLiveQuality(
  stable: LabelledWindow,
  candidate: LabelledWindow,
  limits: LiveQualityThresholds,
): CheckOutcome {
  const regression = candidate.target.task === 'regression';
  if (stable.target.task !== candidate.target.task) {
    return {
      check: regression ? 'live_error' : 'live_accuracy',
      result: 'inconclusive',
      detail: `the candidate is a ${candidate.target.task} model and stable a ${stable.target.task} one: their live quality cannot be compared`,
    };
  }
  return regression
    ? compareErrors(stable, candidate, limits)
    : compareAccuracy(stable, candidate, limits);
}

/** A version whose labelled predictions a canary collects. */
export interface LabelledVersion extends WindowTarget {
  key: { name: string; version: string; variant: string };
}

/**
 * A label listener filling one window per side with the labels of predictions that the stable
 * and candidate versions made at or after `since`, whenever the label arrives.
 */
export function collectLabels(
  stableVersion: LabelledVersion | undefined,
  candidateVersion: LabelledVersion,
  since: number,
): { stable: LabelledWindow; candidate: LabelledWindow; listener: LabelListener } {
  const stable = new LabelledWindow(stableVersion ?? candidateVersion);
  const candidate = new LabelledWindow(candidateVersion);
  const matches = (version: LabelledVersion | undefined, p: Parameters<LabelListener>[0]) =>
    version !== undefined &&
    p.model === version.key.name &&
    p.version === version.key.version &&
    p.variant === version.key.variant;
  const listener: LabelListener = (prediction, label) => {
    if (prediction.at < since) return;
    if (matches(candidateVersion, prediction)) candidate.add(prediction, label);
    else if (matches(stableVersion, prediction)) stable.add(prediction, label);
  };
  return { stable, candidate, listener };
}
