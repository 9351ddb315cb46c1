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
