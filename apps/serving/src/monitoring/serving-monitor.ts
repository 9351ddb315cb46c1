import { randomUUID } from 'node:crypto';
import type { FeedbackRecord, FeedbackStore } from '@modelship/feedback-store';
import { openFeedbackStore } from '@modelship/feedback-store';
import type { FeedbackOutcome } from '@modelship/serving-contract';
import type { Logger } from 'pino';
import type { InputLimitsConfig } from '../config/read-input-limits-config.js';
import type { MonitoringConfig } from '../config/read-monitoring-config.js';
import type { ServingMetrics } from './serving-metrics.js';
import type { ModelVersion } from '../models/model-version.js';
import { DriftMonitor } from './drift-monitor.js';
import { compactFeatures } from './compact-features.js';
import { FeedbackStoreUnavailableError } from './feedback-store-unavailable-error.js';
import { LivePerformance } from './live-performance.js';
import { PredictionLog, type LoggedPrediction } from './prediction-log.js';
import { findRecordProblem, toFeedbackRecords } from './to-feedback-records.js';
import type { Scores } from '../models/predict-matrix.js';
import { setDriftGauges, setLiveGauges } from './set-monitoring-gauges.js';
import { getPredictionTarget } from './prediction-target.js';
import type { FeedbackLabel } from './resolve-feedback-label.js';
import { resolveFeedbackLabel } from './resolve-feedback-label.js';

/** A true label for a served prediction, as the client sent it (judged against its version later). */
export interface FeedbackItem {
  predictionId: string;
  label: FeedbackLabel;
  /** Where the label was in the body (`feedback[2].label`), for errors. */
  where: string;
}

/** A batch item that failed validation: answered on its own, the others still count. */
export interface InvalidFeedbackItem {
  /** The item's predictionId when it was a usable string, else ''. */
  predictionId: string;
  error: string;
}

/** What became of one feedback item (the contract's shape). */
export type { FeedbackOutcome } from '@modelship/serving-contract';

/**
 * Called with each newly joined prediction and its true label (after the store took it): a class
 * index into `prediction.target.classes`, or the true value for regression.
 */
export type LabelListener = (prediction: Readonly<LoggedPrediction>, label: number) => void;

/**
 * What serving watches after answering: every predicted row gets an id and a place in the
 * prediction log (for feedback) and in its version's drift windows (features and predictions);
 * feedback joins the log, feeds the live metrics of the task, and appends the labelled rows to
 * the feedback store.
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
   * get ids and count for live metrics and prediction drift, but give no retraining rows and no
   * feature drift). predictMatrix has checked the scores first (a probability outside [0, 1] or
   * a non-finite value is a 422 before anything is logged), so no feedback ever meets a NaN.
   */
  recordPredictions(
    model: ModelVersion,
    rows: readonly unknown[] | null,
    scores: Scores,
  ): string[] {
    const { name, version, variant } = model.key;
    const regression = scores.task === 'regression';
    const target = getPredictionTarget(model);
    const at = Date.now();
    const count = regression ? scores.values.length : scores.labels.length;
    const ids: string[] = [];
    for (let row = 0; row < count; row++) {
      const id = randomUUID();
      ids.push(id);
      this.predictions.add({
        id,
        model: name,
        version,
        variant,
        at,
        target,
        probability: regression ? null : scores.probabilities[row],
        predicted: regression ? scores.values[row] : scores.labels[row],
        features: rows ? compactFeatures(model, rows[row]) : null,
        labelled: false,
      });
    }
    if (rows) this.drift.add(model, rows);
    this.drift.addPredictions(model, scores);
    return ids;
  }

  /**
   * Joins labels with logged predictions and appends the joined rows to the feedback store.
   * A repeated id is a duplicate (the first label wins); an invalid batch item is answered as
   * `invalid` and the others still count. If the store fails, nothing is counted and the caller
   * may retry (503): only the store's own availability ever asks for a retry. With
   * `countUnknown` false, ids not in this process's log are left out of the metrics (cluster
   * mode: another process may know them, and counts them).
   */
  async receiveFeedback(
    items: readonly (FeedbackItem | InvalidFeedbackItem)[],
    { countUnknown = true }: { countUnknown?: boolean } = {},
  ): Promise<FeedbackOutcome[]> {
    const labelledAt = new Date().toISOString();
    const joined: { entry: LoggedPrediction; label: number; records: FeedbackRecord[] }[] = [];
    const outcomes = items.map((item): FeedbackOutcome => {
      if ('error' in item) {
        return { predictionId: item.predictionId, result: 'invalid', error: item.error };
      }
      const entry = this.predictions.get(item.predictionId);
      if (!entry) return { predictionId: item.predictionId, result: 'unknown_prediction' };
      const key = { model: entry.model, version: entry.version, variant: entry.variant };
      if (entry.labelled) return { predictionId: item.predictionId, result: 'duplicate', ...key };
      const label = resolveFeedbackLabel(entry.target, item.label, item.where, entry.version);
      if (label.error !== undefined) {
        const { predictionId } = item;
        return { predictionId, result: 'invalid', ...key, field: 'label', error: label.error };
      }
      const records = toFeedbackRecords(entry, label.value, labelledAt);
      const problem = findRecordProblem(records);
      if (problem) return { predictionId: item.predictionId, result: 'invalid', error: problem };
      this.predictions.setLabelled(entry.id, true);
      joined.push({ entry, label: label.value, records });
      return { predictionId: item.predictionId, result: 'joined', ...key };
    });
    try {
      await this.store.append(joined.flatMap(({ records }) => records));
    } catch (error) {
      for (const { entry } of joined) this.predictions.setLabelled(entry.id, false);
      throw new FeedbackStoreUnavailableError(this.store.location, error);
    }
    for (const { entry, label } of joined) {
      this.performance.add(entry, label);
      for (const listener of this.labelListeners) listener(entry, label);
    }
    this.countFeedback(
      countUnknown ? outcomes : outcomes.filter((o) => o.result !== 'unknown_prediction'),
    );
    return outcomes;
  }

  /** Counts feedback outcomes in modelship_feedback_total. */
  countFeedback(outcomes: readonly FeedbackOutcome[]): void {
    for (const outcome of outcomes) {
      this.metrics.feedback.inc({
        model: outcome.model ?? 'unknown',
        version: outcome.version ?? 'unknown',
        variant: outcome.variant ?? 'unknown',
        result: outcome.result,
      });
    }
  }

  /** Calls `listener` for every label joined from now on (a canary's live accuracy); returns
   * the unsubscribe function. */
  onLabelled(listener: LabelListener): () => void {
    this.labelListeners.add(listener);
    return () => void this.labelListeners.delete(listener);
  }

  /** Copies live metrics and drift of the loaded versions into their gauges (on scrape). */
  collect(models: readonly ModelVersion[]): void {
    this.metrics.predictionLogBytes.set(this.predictions.bytes);
    this.metrics.predictionLogEntries.set(this.predictions.size);
    setLiveGauges(this.metrics, this.performance.summarise());
    setDriftGauges(this.metrics, this.drift.report(models));
  }
}

// --- internal ---
