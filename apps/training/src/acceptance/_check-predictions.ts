import { predictClasses } from '../evaluate/multiclass-confusion.js';
import type { AcceptanceCheck, AcceptanceEvidence, AcceptanceLimits, Mismatch } from './acceptance-evidence.js';

/** Every live answer against the offline one: numbers within tolerance, the same class named. */
export function checkPredictions(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
  const width = e.task === 'multiclass' ? e.classes.length : 1;
  const rows = Math.floor(e.offline.length / width);
  const offlineClasses = readOfflineClasses(e, width);
  const mismatches: Mismatch[] = [];
  let worst = 0;
  for (let row = 0; row < rows; row++) {
    let difference = 0;
    for (let k = row * width; k < (row + 1) * width; k++) {
      const allowed = Math.max(1, Math.abs(e.offline[k] ?? 0));
      const gap = Math.abs((e.live[k] ?? Number.NaN) - (e.offline[k] ?? 0)) / allowed;
      difference = Math.max(difference, Number.isNaN(gap) ? Infinity : gap);
    }
    worst = Math.max(worst, difference);
    const expectedClass = offlineClasses[row];
    const labelDiffers = expectedClass !== undefined && e.liveLabels[row] !== expectedClass && !isNearTie(e, row, width, limits.tolerance);
    if (!(difference <= limits.tolerance) || labelDiffers) {
      mismatches.push({ row, expected: describeAnswer(e.offline, row, width, expectedClass), got: describeAnswer(e.live, row, width, e.liveLabels[row]) });
    }
  }
  return {
    name: 'predictions',
    status: mismatches.length === 0 ? 'pass' : 'fail',
    detail: `${rows - mismatches.length}/${rows} answers equal the offline prediction (largest difference ${worst.toExponential(2)}, tolerance ${limits.tolerance})`,
    mismatches,
  };
}

// The class each offline answer names: binary by the threshold, multiclass the most probable.
function readOfflineClasses(e: AcceptanceEvidence, width: number): (string | undefined)[] {
  if (e.task === 'regression') return [];
  if (e.task === 'binary') return Array.from(e.offline, (p) => e.classes[p >= e.threshold ? 1 : 0]);
  return Array.from(predictClasses(e.offline, width), (k) => e.classes[k]);
}

// Answers within tolerance of the decision may name either class: binary near the threshold,
// multiclass with its two most probable classes that close.
function isNearTie(e: AcceptanceEvidence, row: number, width: number, tolerance: number): boolean {
  if (e.task === 'binary') return Math.abs((e.offline[row] ?? 0) - e.threshold) <= tolerance;
  const sorted = Array.from({ length: width }, (_, k) => e.offline[row * width + k] ?? 0).sort((a, b) => b - a);
  return (sorted[0] ?? 0) - (sorted[1] ?? 0) <= tolerance;
}

function describeAnswer(values: ArrayLike<number>, row: number, width: number, label: string | undefined): string {
  const numbers = Array.from({ length: width }, (_, k) => values[row * width + k]);
  const answer = width === 1 ? `${label === undefined ? 'value' : 'p'}=${numbers[0]}` : `p=[${numbers.join(', ')}]`;
  return label === undefined ? answer : `${answer} label=${label}`;
}
