import type { Task } from '@modelship/core';
import { predictClasses } from '../evaluate/multiclass-confusion.js';
import { scoreOutputs } from '../evaluate/score-outputs.js';

/** How close is close enough, and how fast is fast enough. */
export interface AcceptanceLimits {
  /**
   * Largest allowed |live - offline| answer: a probability, or a regression value relative to
   * its size (|live - offline| <= tolerance x max(1, |offline|)).
   */
  tolerance: number;
  /** Largest allowed |live metric - metrics.json metric|, relative beyond 1 as `tolerance` is. */
  metricTolerance: number;
  maxP95Ms: number;
  maxP99Ms: number;
}

/** Everything the checks compare; arrays are in holdout order. */
export interface AcceptanceEvidence {
  task: Task;
  /** The bundle's class vocabulary in output order (binary `[negative, positive]`); regression none. */
  classes: readonly string[];
  /** Binary 0/1, multiclass class indices into `classes`, regression values. */
  labels: ArrayLike<number>;
  /** Row-major model outputs: binary positive probability, multiclass K probabilities, regression value. */
  offline: ArrayLike<number>;
  live: ArrayLike<number>;
  /** The class text each live answer gave; regression none. */
  liveLabels: readonly string[];
  /** Binary decision threshold; NaN for the other tasks. */
  threshold: number;
  /** metrics.json, or null when only a sample was replayed (its metrics differ by design). */
  metrics: Record<string, unknown> | null;
  expected: { model: string; version: string };
  served: { models: ReadonlySet<string>; versions: ReadonlySet<string> };
  latenciesMs: readonly number[];
}

/** A difference between what the bundle says and what the service answered. */
export interface Mismatch {
  row: number | string;
  expected: string;
  got: string;
}

/** One check's outcome. */
export interface AcceptanceCheck {
  name: 'predictions' | 'metrics' | 'model' | 'latency';
  status: 'pass' | 'fail' | 'skipped';
  detail: string;
  mismatches: Mismatch[];
}

/** Runs the four checks: same answers, same metrics, same model, fast enough. */
export function checkAcceptance(
  evidence: AcceptanceEvidence,
  limits: AcceptanceLimits,
): AcceptanceCheck[] {
  return [
    checkPredictions(evidence, limits),
    checkMetrics(evidence, limits),
    checkModel(evidence),
    checkLatency(evidence, limits),
  ];
}

/** The p-th percentile (0..100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// --- internal ---

function checkPredictions(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
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

function checkMetrics(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
  if (!e.metrics) {
    return {
      name: 'metrics',
      status: 'skipped',
      detail: 'a sample of the holdout was replayed; metrics.json describes all of it',
      mismatches: [],
    };
  }
  let live: Record<string, number>;
  try {
    live = scoreOutputs(e.task, e.labels, e.live, { classes: e.classes, threshold: e.threshold });
  } catch (error) {
    // Answers that cannot be scored (not probabilities, not numbers): a failed check, not a crash.
    const reason = (error as Error).message;
    return {
      name: 'metrics',
      status: 'fail',
      detail: `the live answers cannot be scored (${reason})`,
      mismatches: [{ row: 'answers', expected: e.task === 'regression' ? 'finite values' : 'probabilities in [0, 1]', got: reason }],
    };
  }
  const mismatches: Mismatch[] = [];
  const compared: string[] = [];
  for (const [name, value] of Object.entries(live)) {
    const recorded = e.metrics[name];
    if (recorded === undefined) continue;
    compared.push(name);
    const same =
      recorded === null
        ? !Number.isFinite(value)
        : typeof recorded === 'number' &&
          Math.abs(value - recorded) <= limits.metricTolerance * Math.max(1, Math.abs(recorded));
    if (!same) mismatches.push({ row: name, expected: String(recorded), got: String(value) });
  }
  return {
    name: 'metrics',
    status: mismatches.length === 0 && compared.length > 0 ? 'pass' : 'fail',
    detail:
      compared.length === 0
        ? 'metrics.json holds none of the recomputed metrics'
        : `${compared.length - mismatches.length}/${compared.length} metrics recomputed from the live answers match metrics.json (tolerance ${limits.metricTolerance})`,
    mismatches,
  };
}

function checkModel(e: AcceptanceEvidence): AcceptanceCheck {
  const mismatches: Mismatch[] = [];
  const expected = [e.expected.model, e.expected.version];
  for (const [field, served, want] of [
    ['model', e.served.models, expected[0]],
    ['version', e.served.versions, expected[1]],
  ] as const) {
    if (served.size !== 1 || !served.has(want)) {
      mismatches.push({ row: field, expected: want, got: [...served].join(', ') || 'nothing' });
    }
  }
  return {
    name: 'model',
    status: mismatches.length === 0 ? 'pass' : 'fail',
    detail: `served ${[...e.served.models].join(', ')} version ${[...e.served.versions].join(', ')}; the bundle is ${e.expected.model} version ${e.expected.version}`,
    mismatches,
  };
}

function checkLatency(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
  const p50 = percentile(e.latenciesMs, 50);
  const p95 = percentile(e.latenciesMs, 95);
  const p99 = percentile(e.latenciesMs, 99);
  const mismatches: Mismatch[] = [];
  if (!(p95 <= limits.maxP95Ms)) {
    mismatches.push({
      row: 'p95',
      expected: `<= ${limits.maxP95Ms} ms`,
      got: `${p95.toFixed(1)} ms`,
    });
  }
  if (!(p99 <= limits.maxP99Ms)) {
    mismatches.push({
      row: 'p99',
      expected: `<= ${limits.maxP99Ms} ms`,
      got: `${p99.toFixed(1)} ms`,
    });
  }
  return {
    name: 'latency',
    status: mismatches.length === 0 ? 'pass' : 'fail',
    detail: `${e.latenciesMs.length} requests: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (limits p95 ${limits.maxP95Ms} ms, p99 ${limits.maxP99Ms} ms)`,
    mismatches,
  };
}
