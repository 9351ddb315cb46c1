import { computeRocAuc } from '@modelship/core';
import type { LabelListener } from '../monitoring/serving-monitor.js';
import type { CheckOutcome } from './canary-checks.js';

/** Labelled predictions of one model version and variant: exact accuracy counts, and the last
 * `AUC_ROWS` probabilities and labels for ROC AUC. */
export class LabelledWindow {
  private correct = 0;
  private total = 0;
  private readonly probabilities: number[] = [];
  private readonly labels: number[] = [];

  get size(): number {
    return this.total;
  }

  get accuracy(): number {
    return this.total === 0 ? 0 : this.correct / this.total;
  }

  add(probability: number, predicted: 0 | 1, label: 0 | 1): void {
    if (predicted === label) this.correct++;
    const slot = this.total++ % AUC_ROWS;
    this.probabilities[slot] = probability;
    this.labels[slot] = label;
  }

  /** ROC AUC over the last `AUC_ROWS` labelled rows; null while one class is missing. */
  rocAuc(): number | null {
    return computeRocAuc(this.labels, this.probabilities);
  }
}

export interface AccuracyThresholds {
  /** Fewer labelled rows than this on either side: inconclusive. */
  minLabelledRows: number;
  /** Largest tolerated stable accuracy minus candidate accuracy (0.05: five points). */
  maxAccuracyDrop: number;
}

/**
 * Compares the candidate's live accuracy with stable's. Inconclusive with fewer than
 * `minLabelledRows` labelled rows on either side, or when the drop is above `maxAccuracyDrop`
 * but not significant (one-sided two-proportion z-test at 95%: small samples are noisy);
 * failed when the drop is above the limit and significant; else passed.
 */
export function compareAccuracy(
  stable: LabelledWindow,
  candidate: LabelledWindow,
  limits: AccuracyThresholds,
): CheckOutcome {
  const check = 'live_accuracy';
  if (stable.size < limits.minLabelledRows || candidate.size < limits.minLabelledRows) {
    const detail = `too few labelled predictions since the canary started: candidate ${candidate.size}, stable ${stable.size}, need ${limits.minLabelledRows} each (labels arrive through POST /feedback)`;
    return { check, result: 'inconclusive', detail };
  }
  const drop = stable.accuracy - candidate.accuracy;
  const z = zScore(stable, candidate);
  const result =
    drop <= limits.maxAccuracyDrop + ROUNDING
      ? 'passed'
      : z >= Z_95_ONE_SIDED
        ? 'failed'
        : 'inconclusive';
  const detail =
    `accuracy candidate ${formatShare(candidate.accuracy)} vs stable ${formatShare(stable.accuracy)} over ${candidate.size}/${stable.size} labelled predictions since the canary started (max drop ${formatShare(limits.maxAccuracyDrop)}; z ${z.toFixed(2)}, significant from ${Z_95_ONE_SIDED})` +
    `; ROC AUC candidate ${formatAuc(candidate.rocAuc())} vs stable ${formatAuc(stable.rocAuc())}`;
  return { check, result, detail };
}

interface VersionKey {
  name: string;
  version: string;
  variant: string;
}

/**
 * A label listener filling one window per side with the labels of predictions that the stable
 * and candidate versions made at or after `since`, whenever the label arrives.
 */
export function collectLabels(
  stableKey: VersionKey | undefined,
  candidateKey: VersionKey,
  since: number,
): { stable: LabelledWindow; candidate: LabelledWindow; listener: LabelListener } {
  const stable = new LabelledWindow();
  const candidate = new LabelledWindow();
  const matches = (key: VersionKey | undefined, p: Parameters<LabelListener>[0]) =>
    key !== undefined &&
    p.model === key.name &&
    p.version === key.version &&
    p.variant === key.variant;
  const listener: LabelListener = (prediction, label) => {
    if (prediction.at < since) return;
    if (matches(candidateKey, prediction)) {
      candidate.add(prediction.probability, prediction.predicted, label);
    } else if (matches(stableKey, prediction)) {
      stable.add(prediction.probability, prediction.predicted, label);
    }
  };
  return { stable, candidate, listener };
}

// --- internal ---

const AUC_ROWS = 10_000;
const Z_95_ONE_SIDED = 1.645;
// 0.9 - 0.85 is 0.05000000000000004 in floating point: a drop of exactly the limit passes.
const ROUNDING = 1e-9;

// Pooled two-proportion z statistic of stable's accuracy above the candidate's.
function zScore(stable: LabelledWindow, candidate: LabelledWindow): number {
  const pooled =
    (stable.accuracy * stable.size + candidate.accuracy * candidate.size) /
    (stable.size + candidate.size);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / stable.size + 1 / candidate.size));
  // A zero error means both accuracies are 0 or both are 1: no difference.
  return se === 0 ? 0 : (stable.accuracy - candidate.accuracy) / se;
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function formatAuc(auc: number | null): string {
  return auc === null ? 'n/a (one class)' : auc.toFixed(3);
}
