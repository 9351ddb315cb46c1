// The names that cross the serving boundary as plain data: paths, the OpenAPI component the
// load scripts read, V2 output names, and every metric the service exports with its labels.
// Written in the JavaScript subset of TypeScript with no imports at all, so k6 (load/*.js) and
// a V8 module parse can load it as is; the typed schemas live beside it.

/** The paths of the HTTP API that other projects call. */
export const SERVING_PATHS = {
  healthLive: '/health/live',
  healthReady: '/health/ready',
  predict: '/predict',
  v2Model: '/v2/models/{model}',
  v2Infer: '/v2/models/{model}/infer',
  feedback: '/feedback',
  metrics: '/metrics',
  openapi: '/openapi.json',
  adminRollout: '/admin/rollout',
  adminPromote: '/admin/rollout/promote',
  adminRollback: '/admin/rollout/rollback',
  adminReload: '/admin/reload',
};

/** `components.schemas` key of one /predict instance (the loaded model's features). */
export const INSTANCE_COMPONENT = 'Instance';

/**
 * The outputs a V2 infer answer holds for each task, in order: binary `probability` FP32 [N]
 * (the positive class) and `label` BYTES [N] (the class text); multiclass `probabilities` FP32
 * [N, K] (in the model's class order) and `label`; regression `value` FP32 [N].
 */
export const V2_TASK_OUTPUTS = {
  binary: ['probability', 'label'],
  multiclass: ['probabilities', 'label'],
  regression: ['value'],
};

/** Every V2 output name, binary's first. */
export const V2_OUTPUT_NAMES = [
  ...new Set([
    ...V2_TASK_OUTPUTS.binary,
    ...V2_TASK_OUTPUTS.multiclass,
    ...V2_TASK_OUTPUTS.regression,
  ]),
];

const MODEL_LABELS = ['model', 'version', 'variant'];

/**
 * Every metric the service exports: Prometheus name, help text and label names. Histograms
 * also expose `<name>_bucket`, `_sum` and `_count`.
 */
export const SERVING_METRICS = {
  httpRequests: {
    name: 'modelship_http_requests_total',
    type: 'counter',
    help: 'HTTP requests answered, by route template, method and status.',
    labels: ['route', 'method', 'status'],
  },
  httpDuration: {
    name: 'modelship_http_request_duration_seconds',
    type: 'histogram',
    help: 'Time from request to response, by route template, method and status.',
    labels: ['route', 'method', 'status'],
  },
  httpInFlight: {
    name: 'modelship_http_requests_in_flight',
    type: 'gauge',
    help: 'HTTP requests being handled right now.',
    labels: [],
  },
  inferenceDuration: {
    name: 'modelship_inference_duration_seconds',
    type: 'histogram',
    help: "Time inside onnxruntime's run, per batch.",
    labels: MODEL_LABELS,
  },
  queueDuration: {
    name: 'modelship_inference_queue_duration_seconds',
    type: 'histogram',
    help: 'Time a batch waited for a free inference worker.',
    labels: MODEL_LABELS,
  },
  batchRows: {
    name: 'modelship_inference_batch_rows',
    type: 'histogram',
    help: 'Rows scored per inference run.',
    labels: MODEL_LABELS,
  },
  inferenceQueued: {
    name: 'modelship_inference_queued',
    type: 'gauge',
    help: 'Inference runs waiting for a free worker.',
    labels: MODEL_LABELS,
  },
  inferenceInlineMaxRows: {
    name: 'modelship_inference_inline_max_rows',
    type: 'gauge',
    help: 'Rows a run may have to be scored on the event loop, measured at load (0: worker threads only).',
    labels: MODEL_LABELS,
  },
  inferenceRunning: {
    name: 'modelship_inference_running',
    type: 'gauge',
    help: 'Inference runs on a worker right now.',
    labels: MODEL_LABELS,
  },
  predictions: {
    name: 'modelship_predictions_total',
    type: 'counter',
    help: 'Rows predicted, by model and predicted label.',
    labels: [...MODEL_LABELS, 'label'],
  },
  unknownCategories: {
    name: 'modelship_unknown_category_total',
    type: 'counter',
    help: "Values outside a categorical feature's schema categories (scored as the spec's <other>).",
    labels: ['model', 'feature'],
  },
  modelLoads: {
    name: 'modelship_model_load_total',
    type: 'counter',
    help: 'Model loads, by result (success, failed).',
    labels: ['result'],
  },
  registryPolls: {
    name: 'modelship_registry_poll_total',
    type: 'counter',
    help: 'Registry polls for a newly promoted version, by result (unchanged, swapped, refused, error).',
    labels: ['result'],
  },
  rejected: {
    name: 'modelship_requests_rejected_total',
    type: 'counter',
    help: 'Requests refused before inference, by reason (queue_full, queue_timeout, rate_limited, shutting_down, not_ready).',
    labels: ['reason'],
  },
  rolloutInfo: {
    name: 'modelship_rollout_info',
    type: 'gauge',
    help: 'The current rollout (value 1): strategy (none, shadow, canary, blue_green, ab), state and the versions involved.',
    labels: ['strategy', 'state', 'stable_version', 'candidate_version'],
  },
  rolloutWeight: {
    name: 'modelship_rollout_weight',
    type: 'gauge',
    help: 'Share of traffic (0 to 1) each variant receives.',
    labels: ['variant'],
  },
  rolloutChecks: {
    name: 'modelship_rollout_checks_total',
    type: 'counter',
    help: 'Rollout checks of the candidate against the stable version, by check (error_rate, p99_latency) and result (passed, failed, inconclusive).',
    labels: ['check', 'result'],
  },
  rolloutOutcomes: {
    name: 'modelship_rollout_outcomes_total',
    type: 'counter',
    help: 'Finished rollouts, by strategy and outcome (promoted, rolled_back, aborted, switched).',
    labels: ['strategy', 'outcome'],
  },
  shadowRequests: {
    name: 'modelship_shadow_requests_total',
    type: 'counter',
    help: 'Requests mirrored to the shadow candidate, by result (compared, dropped, failed).',
    labels: ['model', 'version', 'result'],
  },
  shadowDisagreements: {
    name: 'modelship_shadow_disagreements_total',
    type: 'counter',
    help: 'Mirrored rows where the shadow candidate answered otherwise than the stable version: another class, or a regression value more than 5% apart.',
    labels: ['model', 'version'],
  },
  featureDrift: {
    name: 'modelship_feature_drift_psi',
    type: 'gauge',
    help: "Population stability index of each feature over the sliding window, against the bundle's reference statistics.",
    labels: ['model', 'version', 'feature'],
  },
  driftWindowRows: {
    name: 'modelship_drift_window_rows',
    type: 'gauge',
    help: 'Rows in the sliding window that drift is computed over.',
    labels: ['model', 'version'],
  },
  feedback: {
    name: 'modelship_feedback_total',
    type: 'counter',
    help: 'Labels received on POST /feedback, by result (joined, unknown_prediction, duplicate, invalid: a bad field or a label the predicting version does not take).',
    labels: [...MODEL_LABELS, 'result'],
  },
  predictionLogBytes: {
    name: 'modelship_prediction_log_bytes',
    type: 'gauge',
    help: 'Estimated bytes the prediction log holds for joining feedback (at most PREDICTION_LOG_MAX_BYTES).',
    labels: [],
  },
  predictionLogEntries: {
    name: 'modelship_prediction_log_entries',
    type: 'gauge',
    help: 'Predictions in the prediction log waiting for a label (at most PREDICTION_LOG_SIZE).',
    labels: [],
  },
  liveAccuracy: {
    name: 'modelship_live_accuracy',
    type: 'gauge',
    help: 'Accuracy of classification predictions (binary and multiclass) whose true label arrived by feedback, over the feedback window.',
    labels: MODEL_LABELS,
  },
  liveRocAuc: {
    name: 'modelship_live_roc_auc',
    type: 'gauge',
    help: 'ROC AUC of binary predictions whose true label arrived by feedback, over the feedback window.',
    labels: MODEL_LABELS,
  },
  liveLabelledRows: {
    name: 'modelship_live_labelled_rows',
    type: 'gauge',
    help: 'Labelled predictions in the feedback window that the live metrics of the task are computed over.',
    labels: MODEL_LABELS,
  },
  liveMacroF1: {
    name: 'modelship_live_macro_f1',
    type: 'gauge',
    help: 'Macro-averaged F1 of classification predictions whose true label arrived by feedback, over the feedback window.',
    labels: MODEL_LABELS,
  },
  liveMae: {
    name: 'modelship_live_mae',
    type: 'gauge',
    help: "Mean absolute error of regression predictions whose true value arrived by feedback, over the feedback window, in the target's units.",
    labels: MODEL_LABELS,
  },
  liveRmse: {
    name: 'modelship_live_rmse',
    type: 'gauge',
    help: "Root mean squared error of regression predictions whose true value arrived by feedback, over the feedback window, in the target's units.",
    labels: MODEL_LABELS,
  },
  predictionDriftPsi: {
    name: 'modelship_prediction_drift_psi',
    type: 'gauge',
    help: "Population stability index of the model's predictions (classes, or values and probabilities) over the sliding window, against the bundle's training reference.",
    labels: ['model', 'version'],
  },
  modelInfo: {
    name: 'modelship_model_info',
    type: 'gauge',
    help: 'Loaded model versions (value 1), by name, version, variant and registry stage.',
    labels: ['name', 'version', 'variant', 'stage'],
  },
};

/** Node's process metrics (prom-client's defaults) the service exports beside its own. */
export const PROCESS_METRIC_PREFIXES = ['process_', 'nodejs_'];

/**
 * Every series name a scrape of /metrics may hold for the service's own metrics (histograms as
 * `_bucket`, `_sum`, `_count`).
 */
export function listServingSeriesNames() {
  return Object.values(SERVING_METRICS).flatMap((metric) =>
    metric.type === 'histogram'
      ? [metric.name, `${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
      : [metric.name],
  );
}
