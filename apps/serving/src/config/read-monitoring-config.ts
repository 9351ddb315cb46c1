import {
  DEFAULT_FEEDBACK_STORE_URL,
  FeedbackStoreError,
  openFeedbackStore,
} from '@modelship/feedback-store';
import { readParamsSection } from '@modelship/params';
import { ConfigError } from './config-error.js';
import { readEnv, readInteger } from './parse-env-values.js';

type Env = Record<string, string | undefined>;

/** Feedback, live accuracy and drift settings (README: "Feedback, live accuracy and drift"). */
export interface MonitoringConfig {
  /** Predictions kept for joining with feedback (oldest evicted first). */
  predictionLogSize: number;
  /** How long a prediction can wait for its label; null: until evicted by size. */
  predictionLogTtlMs: number | null;
  /** Feedback store URL and the root relative `file:` paths resolve against. */
  feedbackStore: { url: string; root: string };
  /** Labelled rows per model version that the live metrics of its task (accuracy, macro F1 and ROC AUC; MAE and RMSE) are computed over. */
  feedbackWindow: number;
  /** Served rows per model version that drift is computed over; 0 turns drift off. */
  driftWindow: number;
}

/**
 * Reads PREDICTION_LOG_SIZE (100000), PREDICTION_LOG_TTL_MS (unset), FEEDBACK_STORE (else
 * params.yaml `feedback.store`, else file:.modelship/feedback), FEEDBACK_WINDOW (1000) and
 * DRIFT_WINDOW (10000).
 */
export function readMonitoringConfig(env: Env, root: string): MonitoringConfig {
  const ttl = readInteger(env, 'PREDICTION_LOG_TTL_MS', 0, { min: 1 });
  return {
    predictionLogSize: readInteger(env, 'PREDICTION_LOG_SIZE', 100_000, { min: 1 }),
    predictionLogTtlMs: ttl === 0 ? null : ttl,
    feedbackStore: { url: readFeedbackStoreUrl(env, root), root },
    feedbackWindow: readInteger(env, 'FEEDBACK_WINDOW', 1000, { min: 2, max: 1_000_000 }),
    driftWindow: readInteger(env, 'DRIFT_WINDOW', 10_000, { min: 0, max: 10_000_000 }),
  };
}

// --- internal ---

// Checked here (opening touches no disk) so a bad URL stops the service at start.
function readFeedbackStoreUrl(env: Env, root: string): string {
  const url =
    readEnv(env, 'FEEDBACK_STORE') ?? readParamsFeedbackStore(root) ?? DEFAULT_FEEDBACK_STORE_URL;
  try {
    openFeedbackStore(url, root);
  } catch (error) {
    if (!(error instanceof FeedbackStoreError)) throw error;
    throw new ConfigError('FEEDBACK_STORE', url, error.message);
  }
  return url;
}

function readParamsFeedbackStore(root: string): string | undefined {
  const url = readParamsSection(root, 'feedback')?.store;
  return typeof url === 'string' && url.trim() !== '' ? url.trim() : undefined;
}
