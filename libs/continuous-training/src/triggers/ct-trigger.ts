import type { Task } from '@modelship/core';
import type { CtParams } from '../ct-params.js';
import type { PromSample } from '../prometheus-text.js';

/**
 * The production model's live quality over labelled predictions, from the service's gauges or
 * the feedback store. A figure the task has no use for, or that cannot be measured (ROC AUC over
 * one class), is null.
 */
export interface LiveQuality {
  accuracy: number | null;
  rocAuc: number | null;
  macroF1: number | null;
  /** Regression errors, in the target's units. */
  rmse: number | null;
  mae: number | null;
  rows: number;
  source: string;
}

/** Everything the triggers look at, gathered once by `checkTriggers`. */
export interface TriggerInputs {
  model: string;
  /** params.yaml `task`: which live figures apply. */
  task: Task;
  now: Date;
  /** A scrape of the service's /metrics, or null when neither --service-url nor --metrics-file. */
  metrics: PromSample[] | null;
  /** The registry's production version, or null when there is none. */
  production: { version: number; registeredAt: string } | null;
  /** Labelled feedback rows since the current data version's watermark. */
  newLabelledRows: number;
  /** Live quality of the production version from the feedback store (fallback for metrics). */
  liveFromFeedback: LiveQuality | null;
}

/** One trigger's verdict: one row of ct-check's table. */
export interface TriggerResult {
  /** The trigger's name, as written to `triggers=` for CI. */
  trigger: string;
  fired: boolean;
  /** What was measured, or null when it could not be (the reason says why). */
  value: number | null;
  threshold: number;
  /** How value and threshold compare to fire, e.g. ">" for drift. */
  comparator: '>' | '<' | '>=';
  reason: string;
}

/** A retraining trigger: one file each, one entry in `ctTriggers`. */
export interface CtTrigger {
  id: string;
  /** Empty when the trigger is switched off in params.yaml. */
  evaluate(inputs: TriggerInputs, params: CtParams): TriggerResult[];
}

export function formatNumber(value: number): string {
  return Number(value.toFixed(4)).toString();
}
