import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, from 0.5 ms: single-row inference lives below 5 ms. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

const MODEL_LABELS = ['model', 'version', 'variant'] as const;

/**
 * Every metric the service exports, on its own prom-client registry (so two apps in one process,
 * as in tests, never share counters), plus Node's default process metrics.
 */
export function createServingMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const collectors: (() => void)[] = [];
  const metrics = {
    registry,
    /** Called on each scrape, to copy live values (queue depth) into gauges. */
    onCollect: (collect: () => void) => collectors.push(collect),
    httpRequests: new Counter({
      name: 'modelship_http_requests_total',
      help: 'HTTP requests answered, by route template, method and status.',
      labelNames: ['route', 'method', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'modelship_http_request_duration_seconds',
      help: 'Time from request to response, by route template, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    httpInFlight: new Gauge({
      name: 'modelship_http_requests_in_flight',
      help: 'HTTP requests being handled right now.',
      registers: [registry],
    }),
    inferenceDuration: new Histogram({
      name: 'modelship_inference_duration_seconds',
      help: "Time inside onnxruntime's run, per batch.",
      labelNames: MODEL_LABELS,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    queueDuration: new Histogram({
      name: 'modelship_inference_queue_duration_seconds',
      help: 'Time a batch waited for a free inference worker.',
      labelNames: MODEL_LABELS,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    batchRows: new Histogram({
      name: 'modelship_inference_batch_rows',
      help: 'Rows scored per inference run.',
      labelNames: MODEL_LABELS,
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers: [registry],
    }),
    inferenceQueued: new Gauge({
      name: 'modelship_inference_queued',
      help: 'Inference runs waiting for a free worker.',
      labelNames: MODEL_LABELS,
      registers: [registry],
      collect: () => collectors.forEach((collect) => collect()),
    }),
    inferenceRunning: new Gauge({
      name: 'modelship_inference_running',
      help: 'Inference runs on a worker right now.',
      labelNames: MODEL_LABELS,
      registers: [registry],
    }),
    predictions: new Counter({
      name: 'modelship_predictions_total',
      help: 'Rows predicted, by model and predicted label.',
      labelNames: [...MODEL_LABELS, 'label'],
      registers: [registry],
    }),
    unknownCategories: new Counter({
      name: 'modelship_unknown_category_total',
      help: "Values outside a categorical feature's schema categories (scored as the spec's <other>).",
      labelNames: ['model', 'feature'],
      registers: [registry],
    }),
    modelLoads: new Counter({
      name: 'modelship_model_load_total',
      help: 'Model loads, by result (success, failed).',
      labelNames: ['result'],
      registers: [registry],
    }),
    registryPolls: new Counter({
      name: 'modelship_registry_poll_total',
      help: 'Registry polls for a newly promoted version, by result (unchanged, swapped, refused, error).',
      labelNames: ['result'],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'modelship_requests_rejected_total',
      help: 'Requests refused before inference, by reason (queue_full, queue_timeout, rate_limited, shutting_down, not_ready).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    rolloutInfo: new Gauge({
      name: 'modelship_rollout_info',
      help: 'The current rollout (value 1): strategy (none, shadow, canary, blue_green, ab), state and the versions involved.',
      labelNames: ['strategy', 'state', 'stable_version', 'candidate_version'],
      registers: [registry],
    }),
    rolloutWeight: new Gauge({
      name: 'modelship_rollout_weight',
      help: 'Share of traffic (0 to 1) each variant receives.',
      labelNames: ['variant'],
      registers: [registry],
    }),
    rolloutChecks: new Counter({
      name: 'modelship_rollout_checks_total',
      help: 'Rollout checks of the candidate against the stable version, by check (error_rate, p99_latency) and result (passed, failed, inconclusive).',
      labelNames: ['check', 'result'],
      registers: [registry],
    }),
    rolloutOutcomes: new Counter({
      name: 'modelship_rollout_outcomes_total',
      help: 'Finished rollouts, by strategy and outcome (promoted, rolled_back, aborted, switched).',
      labelNames: ['strategy', 'outcome'],
      registers: [registry],
    }),
    shadowRequests: new Counter({
      name: 'modelship_shadow_requests_total',
      help: 'Requests mirrored to the shadow candidate, by result (compared, dropped, failed).',
      labelNames: ['model', 'version', 'result'],
      registers: [registry],
    }),
    shadowDisagreements: new Counter({
      name: 'modelship_shadow_disagreements_total',
      help: 'Mirrored rows where the shadow candidate predicted another label than the stable version.',
      labelNames: ['model', 'version'],
      registers: [registry],
    }),
    featureDrift: new Gauge({
      name: 'modelship_feature_drift_psi',
      help: "Population stability index of each feature over the sliding window, against the bundle's reference statistics.",
      labelNames: ['model', 'version', 'feature'],
      registers: [registry],
    }),
    driftWindowRows: new Gauge({
      name: 'modelship_drift_window_rows',
      help: 'Rows in the sliding window that drift is computed over.',
      labelNames: ['model', 'version'],
      registers: [registry],
    }),
    feedback: new Counter({
      name: 'modelship_feedback_total',
      help: 'Labels received on POST /feedback, by result (joined, unknown_prediction, duplicate).',
      labelNames: ['model', 'version', 'variant', 'result'],
      registers: [registry],
    }),
    liveAccuracy: new Gauge({
      name: 'modelship_live_accuracy',
      help: 'Accuracy of predictions whose true label arrived by feedback, over the feedback window.',
      labelNames: MODEL_LABELS,
      registers: [registry],
    }),
    liveRocAuc: new Gauge({
      name: 'modelship_live_roc_auc',
      help: 'ROC AUC of predictions whose true label arrived by feedback, over the feedback window.',
      labelNames: MODEL_LABELS,
      registers: [registry],
    }),
    liveLabelledRows: new Gauge({
      name: 'modelship_live_labelled_rows',
      help: 'Labelled predictions in the feedback window that live accuracy and AUC are computed over.',
      labelNames: MODEL_LABELS,
      registers: [registry],
    }),
    modelInfo: new Gauge({
      name: 'modelship_model_info',
      help: 'Loaded model versions (value 1), by name, version, variant and registry stage.',
      labelNames: ['name', 'version', 'variant', 'stage'],
      registers: [registry],
    }),
  };
  metrics.modelLoads.inc({ result: 'success' }, 0);
  metrics.modelLoads.inc({ result: 'failed' }, 0);
  return metrics;
}

export type ServingMetrics = ReturnType<typeof createServingMetrics>;
