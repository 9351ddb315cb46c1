import type {
  DriftParams,
  DriftReport,
  FeatureDrift,
  ReferenceStats,
} from '@modelship/data-validation';
import {
  computeDrift,
  getDriftThresholds,
  REFERENCE_STATS_VERSION,
} from '@modelship/data-validation';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import type { Logger } from 'pino';
import type { ModelVersion } from '../models/model-version.js';
import type { Scores } from '../models/predict-matrix.js';
import { DriftWindow } from './drift-window.js';
import type { PredictionValue } from './prediction-drift-window.js';
import {
  hasPredictionReference,
  NO_PREDICTION_REFERENCE,
  PredictionDriftWindow,
  forEachPredictionValue,
} from './prediction-drift-window.js';

/** Drift of one loaded model version's traffic against its bundle's reference statistics. */
export interface ModelDrift {
  model: string;
  version: string;
  /** Rows in the sliding window. */
  windowRows: number;
  /** The window's capacity (DRIFT_WINDOW). */
  windowSize: number;
  report: DriftReport | null;
  /** Why there is no report (reference statistics missing or unreadable). */
  unavailable?: string;
  /** Drift of the version's predictions (classes, probabilities or values). */
  prediction: PredictionDrift;
}

/** Drift of one version's predictions against the model's predictions on its training split. */
export interface PredictionDrift {
  /** Predictions in the sliding window. */
  windowRows: number;
  /** Null while the reference loads, or when there is none (`unavailable` says why). */
  drift: FeatureDrift | null;
  unavailable?: string;
}

/**
 * Keeps sliding drift windows per loaded model version, built from the bundle's
 * `reference-stats.json` (loaded once, in the background, the first time the version serves;
 * rows and predictions seen meanwhile are buffered up to one window): one for the features, and
 * one for the predictions when the reference has a `prediction` entry. Reports are computed only
 * when asked.
 */
export class DriftMonitor {
  private readonly states = new Map<ModelVersion, DriftState>();

  constructor(
    readonly windowSize: number,
    private readonly logger: Logger,
  ) {}

  /** Counts served rows (raw feature objects) in the model version's window. */
  add(model: ModelVersion, rows: readonly unknown[]): void {
    if (this.windowSize === 0) return;
    const state = this.states.get(model) ?? this.start(model);
    if (state.kind === 'ready') {
      for (const row of rows) if (isRow(row)) state.window.add(row);
    } else if (state.kind === 'loading') {
      for (const row of rows)
        if (isRow(row) && state.pending.length < state.limit) state.pending.push(row);
    }
  }

  /** Counts scored predictions (every input kind, tensors too) in the version's prediction window. */
  addPredictions(model: ModelVersion, scores: Scores): void {
    if (this.windowSize === 0) return;
    const state = this.states.get(model) ?? this.start(model);
    if (state.kind === 'ready') {
      state.predictions?.addScores(scores, model.classes);
    } else if (state.kind === 'loading' && state.pendingPredictions.length < state.limit) {
      const { pendingPredictions, limit } = state;
      forEachPredictionValue(scores, model.classes, (value) => {
        if (pendingPredictions.length < limit) pendingPredictions.push(value);
      });
    }
  }

  /** Drift per model version, for the given (loaded) versions; forgets versions no longer loaded. */
  report(models: readonly ModelVersion[]): ModelDrift[] {
    for (const model of this.states.keys()) if (!models.includes(model)) this.states.delete(model);
    const seen = new Set<string>();
    const drifts: ModelDrift[] = [];
    for (const model of models) {
      const id = `${model.key.name}\u0000${model.key.version}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const state = this.states.get(model) ?? this.findByVersion(model);
      drifts.push(describe(model, state, this.windowSize));
    }
    return drifts;
  }

  /** Resolves once every reference file being loaded has loaded (for tests and start-up). */
  async settled(): Promise<void> {
    await Promise.all(
      [...this.states.values()].map((state) => state.kind === 'loading' && state.loaded),
    );
  }

  // --- internal ---

  private start(model: ModelVersion): DriftState {
    const pending: Record<string, unknown>[] = [];
    const pendingPredictions: PredictionValue[] = [];
    const loaded = loadReference(model).then(
      (reference) => {
        const window = new DriftWindow(reference, this.windowSize);
        for (const row of pending) window.add(row);
        const predictions = hasPredictionReference(reference)
          ? new PredictionDriftWindow(reference, this.windowSize)
          : null;
        for (const value of pendingPredictions) predictions?.add(value);
        const thresholds = readThresholds(model);
        this.replace(model, { kind: 'ready', window, predictions, thresholds });
      },
      (error: unknown) => {
        const reason = (error as Error).message;
        this.logger.warn({ model: model.key }, `drift is off for this version: ${reason}`);
        this.replace(model, { kind: 'unavailable', reason });
      },
    );
    const limit = this.windowSize;
    const state: DriftState = { kind: 'loading', pending, pendingPredictions, limit, loaded };
    this.states.set(model, state);
    return state;
  }

  private replace(model: ModelVersion, state: DriftState): void {
    if (this.states.has(model)) this.states.set(model, state);
  }

  // Two slots may hold the same version (a blue/green switch back); they share one report.
  private findByVersion(model: ModelVersion): DriftState | undefined {
    for (const [other, state] of this.states) {
      if (other.key.name === model.key.name && other.key.version === model.key.version)
        return state;
    }
    return undefined;
  }
}

// --- internal ---

type DriftState =
  | {
      kind: 'loading';
      pending: Record<string, unknown>[];
      pendingPredictions: PredictionValue[];
      limit: number;
      loaded: Promise<void>;
    }
  | {
      kind: 'ready';
      window: DriftWindow;
      /** Null when the reference has no `prediction` entry. */
      predictions: PredictionDriftWindow | null;
      thresholds: ReturnType<typeof getDriftThresholds>;
    }
  | { kind: 'unavailable'; reason: string };

function describe(
  model: ModelVersion,
  state: DriftState | undefined,
  windowSize: number,
): ModelDrift {
  const base = { model: model.key.name, version: model.key.version, windowSize };
  if (state?.kind === 'unavailable') {
    const prediction = { windowRows: 0, drift: null, unavailable: state.reason };
    return { ...base, windowRows: 0, report: null, unavailable: state.reason, prediction };
  }
  if (state?.kind !== 'ready') {
    return { ...base, windowRows: 0, report: null, prediction: { windowRows: 0, drift: null } };
  }
  const snapshot = state.window.snapshot();
  return {
    ...base,
    windowRows: snapshot.rows,
    report: computeDrift(state.window.reference, snapshot, state.thresholds),
    prediction: state.predictions
      ? state.predictions.report(state.thresholds)
      : { windowRows: 0, drift: null, unavailable: NO_PREDICTION_REFERENCE },
  };
}

/** The version's `reference-stats.json`, checked against the version this service reads. */
export async function loadReference(model: ModelVersion): Promise<ReferenceStats> {
  return loadBundleJson<ReferenceStats>(model.dir, BUNDLE_FILES.referenceStats, {
    versionField: 'statsVersion',
    maxVersion: REFERENCE_STATS_VERSION,
  });
}

function readThresholds(model: ModelVersion): ReturnType<typeof getDriftThresholds> {
  const drift = model.metadata.params['drift'];
  return getDriftThresholds(
    typeof drift === 'object' && drift !== null ? (drift as DriftParams) : {},
  );
}

function isRow(row: unknown): row is Record<string, unknown> {
  return typeof row === 'object' && row !== null && !Array.isArray(row);
}
