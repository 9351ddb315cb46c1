import { SERVING_METRICS } from '@modelship/serving-contract';
import { selectSamples, type PromSample } from '../prometheus-text.js';
import {
  formatNumber,
  type CtTrigger,
  type LiveQuality,
  type TriggerResult,
} from './ct-trigger.js';

/**
 * Fires when the production model's live accuracy or ROC AUC (from labels that arrived by
 * feedback) falls below `ct.live.min_accuracy` / `min_roc_auc`, over at least
 * `ct.live.min_labelled_rows` labelled rows. Serving's gauges come first; without a scrape the
 * same figures are computed from the feedback store.
 */
export const liveQualityTrigger: CtTrigger = {
  id: 'live',
  evaluate: (inputs, { live }) => {
    if (!live) return [];
    const quality =
      readLiveQuality(inputs.metrics, inputs.model, inputs.production?.version) ??
      inputs.liveFromFeedback;
    const checks: [string, number | null, (q: LiveQuality) => number | null][] = [
      ['live_accuracy', live.minAccuracy, (q) => q.accuracy],
      ['live_roc_auc', live.minRocAuc, (q) => q.rocAuc],
    ];
    return checks.flatMap(([trigger, threshold, read]): TriggerResult[] => {
      if (threshold === null) return [];
      const base = { trigger, threshold, comparator: '<' as const };
      if (!quality)
        return [
          {
            ...base,
            fired: false,
            value: null,
            reason: 'no labelled predictions of the production model yet',
          },
        ];
      const value = read(quality);
      if (value === null || !Number.isFinite(value))
        return [
          {
            ...base,
            fired: false,
            value: null,
            reason: `not measurable over ${quality.rows} rows of ${quality.source} (one class only)`,
          },
        ];
      if (quality.rows < live.minLabelledRows)
        return [
          {
            ...base,
            fired: false,
            value,
            reason: `inconclusive: ${quality.rows} labelled rows, fewer than min_labelled_rows ${live.minLabelledRows}`,
          },
        ];
      const fired = value < threshold;
      return [
        {
          ...base,
          fired,
          value,
          reason: `${formatNumber(value)} over ${quality.rows} labelled rows of ${quality.source}${fired ? `, below ${formatNumber(threshold)}` : ''}`,
        },
      ];
    });
  },
};

// --- internal ---

// The production version's gauges when exported, else the series with the most labelled rows.
function readLiveQuality(
  metrics: PromSample[] | null,
  model: string,
  version: number | undefined,
): LiveQuality | null {
  if (!metrics) return null;
  const rows = selectSamples(metrics, SERVING_METRICS.liveLabelledRows.name, { model }).filter(
    (s) => s.value > 0,
  );
  if (rows.length === 0) return null;
  const own =
    version === undefined ? [] : rows.filter((s) => s.labels['version'] === String(version));
  const best = (own.length > 0 ? own : rows).reduce((a, b) => (b.value > a.value ? b : a));
  const same = {
    model,
    version: best.labels['version'] ?? '',
    variant: best.labels['variant'] ?? '',
  };
  const accuracy = selectSamples(metrics, SERVING_METRICS.liveAccuracy.name, same)[0]?.value;
  const rocAuc = selectSamples(metrics, SERVING_METRICS.liveRocAuc.name, same)[0]?.value;
  if (accuracy === undefined) return null;
  return {
    accuracy,
    rocAuc: rocAuc ?? null,
    rows: best.value,
    source: `v${same.version} (${same.variant}) in the service's feedback window`,
  };
}
