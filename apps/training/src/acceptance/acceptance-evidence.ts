import type { Task } from '@modelship/core';

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
