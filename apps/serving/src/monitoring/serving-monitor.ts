import { randomUUID } from 'node:crypto';
import type { FeedbackRecord, FeedbackStore } from '@modelship/feedback-store';
import type { FeedbackOutcome } from '@modelship/serving-contract';
import { openFeedbackStore } from '@modelship/feedback-store';
import type { Logger } from 'pino';
import type { MonitoringConfig } from '../config/read-monitoring-config.js';
import type { ServingMetrics } from './serving-metrics.js';
import type { ModelVersion } from '../models/model-version.js';
import { DriftMonitor } from './drift-monitor.js';
import { FeedbackStoreUnavailableError } from './feedback-store-unavailable-error.js';
import { LivePerformance } from './live-performance.js';
import { PredictionLog, type LoggedPrediction } from './prediction-log.js';

/** A true label for a served prediction. */
export interface FeedbackItem {
  predictionId: string;
  label: 0 | 1;
}

/** What became of one feedback item (the contract's shape). */
export type { FeedbackOutcome } from '@modelship/serving-contract';

/** Called with each newly joined prediction and its label (after the store took it). */
export type LabelListener = (prediction: Readonly<LoggedPrediction>, label: 0 | 1) => void;

/**
 * What serving watches after answering: every predicted row gets an id and a place in the
 * prediction log (for feedback) and in its version's drift window; feedback joins the log,
 * feeds live accuracy and AUC, and appends the labelled rows to the feedback store.
 */
export class ServingMonitor {
  readonly predictions: PredictionLog;
  readonly performance: LivePerformance;
  readonly drift: DriftMonitor;
  readonly store: FeedbackStore;
  private readonly labelListeners = new Set<LabelListener>();

  constructor(
    config: MonitoringConfig,
    private readonly metrics: ServingMetrics,
    logger: Logger,
  ) {
    this.predictions = new PredictionLog(config.predictionLogSize, config.predictionLogTtlMs);
    this.performance = new LivePerformance(config.feedbackWindow);
    this.drift = new DriftMonitor(config.driftWindow, logger);
    this.store = openFeedbackStore(config.feedbackStore.url, config.feedbackStore.root, {
      onWarning: (message) => logger.warn({ store: this.store.location }, message),
    });
  }

  /**
   * Logs scored rows and returns their prediction ids. `rows` are the raw feature objects as
   * received, or null when the caller sent the model's input tensor (no raw features: the rows
   * get ids and count for live accuracy, but give no retraining rows and no drift).
   */
  recordPredictions(
    model: ModelVersion,
    rows: readonly unknown[] | null,
    scores: { probabilities: ArrayLike<number>; labels: ArrayLike<number> },
  ): string[] {
    const { name, version, variant } = model.key;
    const at = Date.now();
    const ids: string[] = [];
    for (let row = 0; row < scores.labels.length; row++) {
      const id = randomUUID();
      ids.push(id);
      this.predictions.add({
        id,
        model: name,
        version,
        variant,
        at,
        probability: scores.probabilities[row],
        predicted: scores.labels[row] === 1 ? 1 : 0,
        features: rows ? keepableFeatures(rows[row]) : null,
        labelled: false,
      });
    }
    if (rows) this.drift.add(model, rows);
    return ids;
  }

  /**
   * Joins labels with logged predictions and appends the joined rows to the feedback store.
   * A repeated id is a duplicate (the first label wins); if the store fails, nothing is counted
   * and the caller may retry.
   */
  async receiveFeedback(items: readonly FeedbackItem[]): Promise<FeedbackOutcome[]> {
    const labelledAt = new Date().toISOString();
    const joined: { entry: LoggedPrediction; label: 0 | 1 }[] = [];
    const outcomes = items.map((item): FeedbackOutcome => {
      const entry = this.predictions.get(item.predictionId);
      if (!entry) return { predictionId: item.predictionId, result: 'unknown_prediction' };
      const key = { model: entry.model, version: entry.version, variant: entry.variant };
      if (entry.labelled) return { predictionId: item.predictionId, result: 'duplicate', ...key };
      entry.labelled = true;
      joined.push({ entry, label: item.label });
      return { predictionId: item.predictionId, result: 'joined', ...key };
    });
    try {
      await this.store.append(
        joined.flatMap(({ entry, label }) => toRecord(entry, label, labelledAt)),
      );
    } catch (error) {
      for (const { entry } of joined) entry.labelled = false;
      throw new FeedbackStoreUnavailableError(this.store.location, error);
    }
    for (const { entry, label } of joined) {
      this.performance.add(entry, entry.probability, entry.predicted, label);
      for (const listener of this.labelListeners) listener(entry, label);
    }
    for (const outcome of outcomes) {
      this.metrics.feedback.inc({
        model: outcome.model ?? 'unknown',
        version: outcome.version ?? 'unknown',
        variant: outcome.variant ?? 'unknown',
        result: outcome.result,
      });
    }
    return outcomes;
  }

  /** Calls `listener` for every label joined from now on (a canary's live accuracy); returns
   * the unsubscribe function. */
  onLabelled(listener: LabelListener): () => void {
    this.labelListeners.add(listener);
    return () => void this.labelListeners.delete(listener);
  }

  /** Copies live accuracy, AUC and drift of the loaded versions into their gauges (on scrape). */
  collect(models: readonly ModelVersion[]): void {
    const { liveAccuracy, liveRocAuc, liveLabelledRows, featureDrift, driftWindowRows } =
      this.metrics;
    for (const gauge of [
      liveAccuracy,
      liveRocAuc,
      liveLabelledRows,
      featureDrift,
      driftWindowRows,
    ]) {
      gauge.reset();
    }
    for (const summary of this.performance.summarise()) {
      const labels = { model: summary.model, version: summary.version, variant: summary.variant };
      liveLabelledRows.set(labels, summary.labelledRows);
      if (summary.accuracy !== null) liveAccuracy.set(labels, summary.accuracy);
      if (summary.rocAuc !== null) liveRocAuc.set(labels, summary.rocAuc);
    }
    for (const drift of this.drift.report(models)) {
      const labels = { model: drift.model, version: drift.version };
      driftWindowRows.set(labels, drift.windowRows);
      for (const feature of drift.report?.features ?? []) {
        if (feature.count > 0) featureDrift.set({ ...labels, feature: feature.name }, feature.psi);
      }
    }
  }
}

// --- internal ---

/** Longest text value kept for retraining: a longer one (accepted as an unknown category) would
 * let callers fill memory through the prediction log. */
const MAX_KEPT_TEXT = 1024;

// The parsed request row, kept by reference (no copy on the hot path). Rows with an overlong
// text are not kept: they still get an id and count for live accuracy.
function keepableFeatures(row: unknown): Readonly<Record<string, unknown>> | null {
  if (typeof row !== 'object' || row === null) return null;
  const record = row as Record<string, unknown>;
  for (const name in record) {
    const value = record[name];
    if (typeof value === 'string' && value.length > MAX_KEPT_TEXT) return null;
  }
  return record;
}

// Tensor-input predictions have no raw features: they count for live accuracy only.
function toRecord(entry: LoggedPrediction, label: 0 | 1, labelledAt: string): FeedbackRecord[] {
  if (entry.features === null) return [];
  return [
    {
      predictionId: entry.id,
      model: entry.model,
      version: entry.version,
      variant: entry.variant,
      predictedAt: new Date(entry.at).toISOString(),
      labelledAt,
      probability: entry.probability,
      predicted: entry.predicted,
      label,
      features: entry.features,
    },
  ];
}
