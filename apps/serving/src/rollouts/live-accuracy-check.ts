import type { CheckOutcome } from './canary-checks.js';
import type { LabelledWindow } from './labelled-window.js';

export interface AccuracyThresholds {
  /** Fewer labelled rows than this on either side: inconclusive. */
  minLabelledRows: number;
  /** Largest tolerated stable accuracy minus candidate accuracy (0.05: five points). */
  maxAccuracyDrop: number;
}

/**
 * Classification: compares the candidate's live accuracy with stable's. Inconclusive with fewer
 * than `minLabelledRows` labelled rows on either side, or when the drop is above
 * `maxAccuracyDrop` but not significant (one-sided two-proportion z-test at 95%: small samples
 * are noisy); failed when the drop is above the limit and significant; else passed. The detail
 * adds macro F1 (and ROC AUC for binary models), which do not decide.
 */
export function compareAccuracy(
  stable: LabelledWindow,
  candidate: LabelledWindow,
  limits: AccuracyThresholds,
): CheckOutcome {
  const check = 'live_accuracy';
  if (stable.size < limits.minLabelledRows || candidate.size < limits.minLabelledRows) {
    return { check, result: 'inconclusive', detail: describeTooFew(stable, candidate, limits) };
  }
  const s = stable.quality.summary();
  const c = candidate.quality.summary();
  const stableAccuracy = s.accuracy ?? 0;
  const candidateAccuracy = c.accuracy ?? 0;
  const drop = stableAccuracy - candidateAccuracy;
  const z = zScore(stableAccuracy, stable.size, candidateAccuracy, candidate.size);
  const result =
    drop <= limits.maxAccuracyDrop + ROUNDING
      ? 'passed'
      : z >= Z_95_ONE_SIDED
        ? 'failed'
        : 'inconclusive';
  const auc =
    candidate.target.task === 'binary'
      ? `; ROC AUC candidate ${formatAuc(candidate.rocAuc())} vs stable ${formatAuc(stable.rocAuc())}`
      : '';
  const detail =
    `accuracy candidate ${formatShare(candidateAccuracy)} vs stable ${formatShare(stableAccuracy)} over ${candidate.size}/${stable.size} labelled predictions since the canary started (max drop ${formatShare(limits.maxAccuracyDrop)}; z ${z.toFixed(2)}, significant from ${Z_95_ONE_SIDED})` +
    `; macro F1 candidate ${(c.macroF1 ?? 0).toFixed(3)} vs stable ${(s.macroF1 ?? 0).toFixed(3)}${auc}`;
  return { check, result, detail };
}

/** The detail of a check that has too few labels to judge. */
export function describeTooFew(
  stable: LabelledWindow,
  candidate: LabelledWindow,
  limits: Pick<AccuracyThresholds, 'minLabelledRows'>,
): string {
  return `too few labelled predictions since the canary started: candidate ${candidate.size}, stable ${stable.size}, need ${limits.minLabelledRows} each (labels arrive through POST /feedback)`;
}

// --- internal ---

const Z_95_ONE_SIDED = 1.645;
// 0.9 - 0.85 is 0.05000000000000004 in floating point: a drop of exactly the limit passes.
const ROUNDING = 1e-9;

// Pooled two-proportion z statistic of stable's accuracy above the candidate's.
function zScore(stable: number, stableRows: number, candidate: number, candidateRows: number) {
  const pooled = (stable * stableRows + candidate * candidateRows) / (stableRows + candidateRows);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / stableRows + 1 / candidateRows));
  // A zero error means both accuracies are 0 or both are 1: no difference.
  return se === 0 ? 0 : (stable - candidate) / se;
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function formatAuc(auc: number | null): string {
  return auc === null ? 'n/a (one class)' : auc.toFixed(3);
}
