import type { Scores } from '../models/predict-matrix.js';

/**
 * Relative difference above which a shadow's regression value disagrees with the primary's:
 * 5% of the larger magnitude. Retrained models rarely agree to the last digit, and a value within
 * 5% answers the same question; a shift larger than that is one a user would notice.
 */
export const SHADOW_VALUE_TOLERANCE = 0.05;

/** Scores with the classes of the version that made them. */
export interface ScoredBy {
  scores: Scores;
  classes: readonly string[];
}

/**
 * Rows where the shadow's answer differs from the primary's: another class (compared as class
 * texts, so versions with other class orders compare right), or for regression a value whose
 * relative difference is above SHADOW_VALUE_TOLERANCE. Versions of different tasks disagree on
 * every row.
 */
export function countDisagreements(primary: ScoredBy, shadow: ScoredBy, rows: number): number {
  if (primary.scores.task !== shadow.scores.task) return rows;
  let disagreements = 0;
  for (let row = 0; row < rows; row++) {
    if (primary.scores.task === 'regression') {
      const a = primary.scores.values[row];
      const b = shadow.scores.values[row];
      if (Math.abs(a - b) > SHADOW_VALUE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
        disagreements++;
      }
    } else if (
      primary.classes[primary.scores.labels[row]] !== shadow.classes[shadow.scores.labels[row]]
    ) {
      disagreements++;
    }
  }
  return disagreements;
}
