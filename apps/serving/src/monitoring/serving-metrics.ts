import { SERVING_METRICS } from '@modelship/serving-contract';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LeanCounter, LeanHistogram } from './lean-metrics.js';

/** Latency buckets in seconds, from 0.5 ms: single-row inference lives below 5 ms. */
export const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

// Name, help and labels come from the contract, which the alert rules, the dashboard, continuous
// training and the load scripts read too.
function describeMetric(key: keyof typeof SERVING_METRICS) {
  const { name, help, labels } = SERVING_METRICS[key];
  return { name, help, labelNames: labels };
}

/**
 * Every metric the service exports, on its own prom-client registry (so two apps in one process,
 * as in tests, never share counters), plus Node's default process metrics. In cluster mode the
 * processes' registries are aggregated per metric: counters, histograms and gauges of amounts
 * (in flight, queued, log sizes, window rows) summed; state every process holds alike (model
 * info, rollout) by `max`; each process's own estimates (drift, live quality) averaged.
 */
export function createServingMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const collectors: (() => void)[] = [];
  const metrics = {
    registry,
    /** Called on each scrape, to copy live values (queue depth) into gauges. */
    onCollect: (collect: () => void) => collectors.push(collect),
    // The four metrics every prediction records are lean (series bound once, lean-metrics.ts).
    httpRequests: new LeanCounter({
      ...describeMetric('httpRequests'),
      registers: [registry],
      // A scrape reads the metrics in registration order, each right after its own collect:
      // the first of the service's metrics runs the collectors, so every gauge they set (in
      // flight, queues, log sizes, drift) is current when it is read.
      collect: () => collectors.forEach((collect) => collect()),
    }),
    httpDuration: new LeanHistogram({
      ...describeMetric('httpDuration'),
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    httpInFlight: new Gauge({
      ...describeMetric('httpInFlight'),
      registers: [registry],
    }),
    inferenceDuration: new Histogram({
      ...describeMetric('inferenceDuration'),
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    queueDuration: new LeanHistogram({
      ...describeMetric('queueDuration'),
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    batchRows: new Histogram({
      ...describeMetric('batchRows'),
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers: [registry],
    }),
    inferenceQueued: new Gauge({
      ...describeMetric('inferenceQueued'),
      registers: [registry],
    }),
    inferenceInlineMaxRows: new Gauge({
      ...describeMetric('inferenceInlineMaxRows'),
      aggregator: 'min',
      registers: [registry],
    }),
    inferenceRunning: new Gauge({
      ...describeMetric('inferenceRunning'),
      registers: [registry],
    }),
    predictions: new LeanCounter({
      ...describeMetric('predictions'),
      registers: [registry],
    }),
    unknownCategories: new Counter({
      ...describeMetric('unknownCategories'),
      registers: [registry],
    }),
    modelLoads: new Counter({
      ...describeMetric('modelLoads'),
      registers: [registry],
    }),
    registryPolls: new Counter({
      ...describeMetric('registryPolls'),
      registers: [registry],
    }),
    rejected: new Counter({
      ...describeMetric('rejected'),
      registers: [registry],
    }),
    rolloutInfo: new Gauge({
      ...describeMetric('rolloutInfo'),
      aggregator: 'max',
      registers: [registry],
    }),
    rolloutWeight: new Gauge({
      ...describeMetric('rolloutWeight'),
      aggregator: 'max',
      registers: [registry],
    }),
    rolloutChecks: new Counter({
      ...describeMetric('rolloutChecks'),
      registers: [registry],
    }),
    rolloutOutcomes: new Counter({
      ...describeMetric('rolloutOutcomes'),
      registers: [registry],
    }),
    shadowRequests: new Counter({
      ...describeMetric('shadowRequests'),
      registers: [registry],
    }),
    shadowDisagreements: new Counter({
      ...describeMetric('shadowDisagreements'),
      registers: [registry],
    }),
    featureDrift: new Gauge({
      ...describeMetric('featureDrift'),
      aggregator: 'average',
      registers: [registry],
    }),
    driftWindowRows: new Gauge({
      ...describeMetric('driftWindowRows'),
      registers: [registry],
    }),
    feedback: new Counter({
      ...describeMetric('feedback'),
      registers: [registry],
    }),
    predictionLogBytes: new Gauge({
      ...describeMetric('predictionLogBytes'),
      registers: [registry],
    }),
    predictionLogEntries: new Gauge({
      ...describeMetric('predictionLogEntries'),
      registers: [registry],
    }),
    liveAccuracy: new Gauge({
      ...describeMetric('liveAccuracy'),
      aggregator: 'average',
      registers: [registry],
    }),
    liveRocAuc: new Gauge({
      ...describeMetric('liveRocAuc'),
      aggregator: 'average',
      registers: [registry],
    }),
    liveMacroF1: new Gauge({
      ...describeMetric('liveMacroF1'),
      aggregator: 'average',
      registers: [registry],
    }),
    liveMae: new Gauge({
      ...describeMetric('liveMae'),
      aggregator: 'average',
      registers: [registry],
    }),
    liveRmse: new Gauge({
      ...describeMetric('liveRmse'),
      aggregator: 'average',
      registers: [registry],
    }),
    predictionDriftPsi: new Gauge({
      ...describeMetric('predictionDriftPsi'),
      aggregator: 'average',
      registers: [registry],
    }),
    liveLabelledRows: new Gauge({
      ...describeMetric('liveLabelledRows'),
      registers: [registry],
    }),
    modelInfo: new Gauge({
      ...describeMetric('modelInfo'),
      aggregator: 'max',
      registers: [registry],
    }),
  };
  metrics.modelLoads.inc({ result: 'success' }, 0);
  metrics.modelLoads.inc({ result: 'failed' }, 0);
  return metrics;
}

export type ServingMetrics = ReturnType<typeof createServingMetrics>;
