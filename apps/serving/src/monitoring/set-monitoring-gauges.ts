import type { ModelDrift } from './drift-monitor.js';
import type { LivePerformanceSummary } from './live-performance.js';
import type { ServingMetrics } from './serving-metrics.js';

/**
 * Sets the live-quality gauges from the feedback windows: each metric only where the task has it
 * and the window holds enough to compute it (a gauge left unset, not a 0, says "not known").
 */
export function setLiveGauges(metrics: ServingMetrics, summaries: LivePerformanceSummary[]): void {
  const gauges = {
    accuracy: metrics.liveAccuracy,
    rocAuc: metrics.liveRocAuc,
    macroF1: metrics.liveMacroF1,
    mae: metrics.liveMae,
    rmse: metrics.liveRmse,
  } as const;
  const all = [...Object.values(gauges), metrics.liveLabelledRows];
  for (const gauge of all) gauge.reset();
  for (const summary of summaries) {
    const labels = { model: summary.model, version: summary.version, variant: summary.variant };
    metrics.liveLabelledRows.set(labels, summary.labelledRows);
    for (const [metric, gauge] of Object.entries(gauges)) {
      const value = summary[metric as keyof typeof gauges];
      if (value !== null) gauge.set(labels, value);
    }
  }
}

/** Sets feature drift, the drift window's rows, and prediction drift where it has a reference. */
export function setDriftGauges(metrics: ServingMetrics, drifts: ModelDrift[]): void {
  const { featureDrift, driftWindowRows, predictionDriftPsi } = metrics;
  for (const gauge of [featureDrift, driftWindowRows, predictionDriftPsi]) gauge.reset();
  for (const drift of drifts) {
    const labels = { model: drift.model, version: drift.version };
    driftWindowRows.set(labels, drift.windowRows);
    for (const feature of drift.report?.features ?? []) {
      if (feature.count > 0) featureDrift.set({ ...labels, feature: feature.name }, feature.psi);
    }
    const prediction = drift.prediction.drift;
    if (prediction && prediction.count > 0) predictionDriftPsi.set(labels, prediction.psi);
  }
}
