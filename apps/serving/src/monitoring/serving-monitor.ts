import { randomUUID } from 'node:crypto';
import type { FeedbackRecord, FeedbackStore } from '@modelship/feedback-store';
import { openFeedbackStore } from '@modelship/feedback-store';
import type { FeedbackOutcome } from '@modelship/serving-contract';
import type { Logger } from 'pino';
import type { InputLimitsConfig } from '../config/read-input-limits-config.js';
import type { MonitoringConfig } from '../config/read-monitoring-config.js';
import type { ServingMetrics } from './serving-metrics.js';
import type { ModelVersion } from '../models/model-version.js';
import type { Scores } from '../models/predict-matrix.js';
import { DriftMonitor } from './drift-monitor.js';
import { compactFeatures } from './compact-features.js';
import { FeedbackStoreUnavailableError } from './feedback-store-unavailable-error.js';
import { LivePerformance } from './live-performance.js';
import { PredictionLog, type LoggedPrediction } from './prediction-log.js';
import { findRecordProblem, toFeedbackRecords } from './to-feedback-records.js';

/** A true label for a served prediction. */
export interface FeedbackItem {
  predictionId: string;
  label: 0 | 1;
}

/** A batch item that failed validation: answered on its own, the others still count. */
export interface InvalidFeedbackItem {
  /** The item's predictionId when it was a usable string, else ''. */
  predictionId: string;
  error: string;
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
    limits: Pick<InputLimitsConfig, 'predictionLogMaxBytes'> = {
      predictionLogMaxBytes: Number.POSITIVE_INFINITY,
    },
  ) {
    this.predictions = new PredictionLog(
      config.predictionLogSize,
      config.predictionLogTtlMs,
      Date.now,
      limits.predictionLogMaxBytes,
    );
    this.performance = new LivePerformance(config.feedbackWindow);
    this.drift = new DriftMonitor(config.driftWindow, logger);
    this.store = openFeedbackStore(config.feedbackStore.url, config.feedbackStore.root, {
      onWarning: (message) => logger.warn({ store: this.store.location }, message),
    });
  }

  /**
   * Logs scored rows and returns their prediction ids. `rows` are the raw feature objects as
   * received, or null when the caller sent the model's input tensor (no raw features: the rows
   * get ids and count for live accuracy, but give no retraining rows and no drift). Scores
   * hold no NaN: predictMatrix refuses such an output before it gets here.
   */
  recordPredictions(
    model: ModelVersion,
    rows: readonly unknown[] | null,
    scores: Scores,
  ): string[] {
    const { name, version, variant } = model.key;
    const at = Date.now();
    const ids: string[] = [];
    const count = scores.task === 'regression' ? scores.values.length : scores.labels.length;
    for (let row = 0; row < count; row++) {
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
        features: rows ? compactFeatures(model, rows[row]) : null,
        labelled: false,
      });
    }
    if (rows) this.drift.add(model, rows);
    return ids;
  }

  /**
   * Joins labels with logged predictions and appends the joined rows to the feedback store.
   * A repeated id is a duplicate (the first label wins); an invalid batch item is answered as
   * `invalid` and the others still count. If the store fails, nothing is counted and the caller
   * may retry (503): only the store's own availability ever asks for a retry.
   */
  async receiveFeedback(
    items: readonly (FeedbackItem | InvalidFeedbackItem)[],
  ): Promise<FeedbackOutcome[]> {
    const labelledAt = new Date().toISOString();
    const joined: { entry: LoggedPrediction; label: 0 | 1; records: FeedbackRecord[] }[] = [];
    const outcomes = items.map((item): FeedbackOutcome => {
      if ('error' in item) {
        return { predictionId: item.predictionId, result: 'invalid', error: item.error };
      }
      const entry = this.predictions.get(item.predictionId);
      if (!entry) return { predictionId: item.predictionId, result: 'unknown_prediction' };
      const key = { model: entry.model, version: entry.version, variant: entry.variant };
      if (entry.labelled) return { predictionId: item.predictionId, result: 'duplicate', ...key };
      const records = toFeedbackRecords(entry, item.label, labelledAt);
      const problem = findRecordProblem(records);
      if (problem) return { predictionId: item.predictionId, result: 'invalid', error: problem };
      this.predictions.setLabelled(entry.id, true);
      joined.push({ entry, label: item.label, records });
      return { predictionId: item.predictionId, result: 'joined', ...key };
    });
    try {
      await this.store.append(joined.flatMap(({ records }) => records));
    } catch (error) {
      for (const { entry } of joined) this.predictions.setLabelled(entry.id, false);
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
    this.metrics.predictionLogBytes.set(this.predictions.bytes);
    this.metrics.predictionLogEntries.set(this.predictions.size);
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
