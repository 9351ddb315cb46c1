import type { CheckOutcome } from './canary-checks.js';
import { describeTooFew } from './live-accuracy-check.js';
import type { LabelledWindow } from './labelled-window.js';
import { testWelchAbove } from './welch-t-test.js';

export interface ErrorThresholds {
  /** Fewer labelled rows than this on either side (and always fewer than 2): inconclusive. */
  minLabelledRows: number;
  /** Largest tolerated relative increase of the candidate's MAE over stable's (0.1: 10%). */
  maxErrorIncrease: number;
}

/**
 * Regression: compares the candidate's live mean absolute error with stable's. Passed while the
 * candidate's MAE is at most `1 + maxErrorIncrease` times stable's; above that, failed only when
 * a one-sided Welch t-test on the absolute errors (95%) finds it significantly above that bound
 * (the margin is inside the test, so noise around the bound never fails a canary), else
 * inconclusive. Too few labels: inconclusive. The detail adds both RMSEs, which do not decide.
 */
export function compareErrors(
  stable: LabelledWindow,
  candidate: LabelledWindow,
  limits: ErrorThresholds,
): CheckOutcome {
  const check = 'live_error';
  const needed = Math.max(2, limits.minLabelledRows);
  if (stable.size < needed || candidate.size < needed) {
    const detail = describeTooFew(stable, candidate, { minLabelledRows: needed });
    return { check, result: 'inconclusive', detail };
  }
  const scale = 1 + limits.maxErrorIncrease;
  const moments = (window: LabelledWindow) => ({
    mean: window.quality.meanAbsoluteError,
    variance: window.quality.absoluteErrorVariance,
    size: window.size,
  });
  const test = testWelchAbove(moments(candidate), moments(stable), scale);
  const stableMae = stable.quality.meanAbsoluteError;
  const candidateMae = candidate.quality.meanAbsoluteError;
  const result =
    candidateMae <= scale * stableMae + ROUNDING
      ? 'passed'
      : test.t >= test.critical
        ? 'failed'
        : 'inconclusive';
  const change = stableMae === 0 ? 'n/a' : formatChange(candidateMae / stableMae - 1);
  const rmse = (window: LabelledWindow) => formatValue(window.quality.summary().rmse ?? 0);
  const detail =
    `MAE candidate ${formatValue(candidateMae)} vs stable ${formatValue(stableMae)} (${change}, max ${formatChange(limits.maxErrorIncrease)}) over ${candidate.size}/${stable.size} labelled predictions since the canary started` +
    ` (Welch t ${formatValue(test.t)} on absolute errors, significant from ${test.critical.toFixed(2)} at ${Number.isFinite(test.df) ? test.df.toFixed(0) : 'infinite'} df)` +
    `; RMSE candidate ${rmse(candidate)} vs stable ${rmse(stable)}`;
  return { check, result, detail };
}

// --- internal ---

// Floating point: a candidate exactly at the bound passes.
const ROUNDING = 1e-9;

function formatChange(share: number): string {
  return `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
}
