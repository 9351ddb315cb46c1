import type { Task } from '@modelship/core';
import { SERVING_METRICS } from '@modelship/serving-contract';
import type { CtParams } from '../ct-params.js';
import { selectSamples, type PromSample } from '../prometheus-text.js';
import {
  formatNumber,
  type CtTrigger,
  type LiveQuality,
  type TriggerResult,
} from './ct-trigger.js';

/**
 * Fires when a live figure of the production model (from labels that arrived by feedback) crosses
 * its `ct.live` limit over at least `ct.live.min_labelled_rows` labelled rows: accuracy, ROC AUC
 * (binary) and macro F1 below `min_accuracy`, `min_roc_auc`, `min_macro_f1` for classification;
 * RMSE and MAE above `max_rmse`, `max_mae` (target units) for regression. Serving's gauges come
 * first; without a scrape the same figures are computed from the feedback store. A limit the
 * task has no use for never fires, and its row says so.
 */
export const liveQualityTrigger: CtTrigger = {
  id: 'live',
  evaluate: (inputs, { live }) => {
    if (!live) return [];
    const quality =
      readLiveQuality(inputs.metrics, inputs.model, inputs.production?.version) ??
      inputs.liveFromFeedback;
    return LIVE_CHECKS.flatMap((check): TriggerResult[] => {
      const threshold = live[check.limit];
      if (threshold === null) return [];
      return [judge(check, threshold, inputs.task, quality, live.minLabelledRows)];
    });
  },
};

// --- internal ---

type Live = NonNullable<CtParams['live']>;

interface LiveCheck {
  trigger: string;
  /** The ct.live key, for messages. */
  key: string;
  limit: 'minAccuracy' | 'minRocAuc' | 'minMacroF1' | 'maxRmse' | 'maxMae';
  figure: 'accuracy' | 'rocAuc' | 'macroF1' | 'rmse' | 'mae';
  comparator: '<' | '>';
  tasks: readonly Task[];
}

/** One row per figure, in table order. */
const LIVE_CHECKS: readonly LiveCheck[] = [
  {
    trigger: 'live_accuracy',
    key: 'min_accuracy',
    limit: 'minAccuracy',
    figure: 'accuracy',
    comparator: '<',
    tasks: ['binary', 'multiclass'],
  },
  {
    trigger: 'live_roc_auc',
    key: 'min_roc_auc',
    limit: 'minRocAuc',
    figure: 'rocAuc',
    comparator: '<',
    tasks: ['binary'],
  },
  {
    trigger: 'live_macro_f1',
    key: 'min_macro_f1',
    limit: 'minMacroF1',
    figure: 'macroF1',
    comparator: '<',
    tasks: ['binary', 'multiclass'],
  },
  {
    trigger: 'live_rmse',
    key: 'max_rmse',
    limit: 'maxRmse',
    figure: 'rmse',
    comparator: '>',
    tasks: ['regression'],
  },
  {
    trigger: 'live_mae',
    key: 'max_mae',
    limit: 'maxMae',
    figure: 'mae',
    comparator: '>',
    tasks: ['regression'],
  },
];

function judge(
  check: LiveCheck,
  threshold: number,
  task: Task,
  quality: LiveQuality | null,
  minLabelledRows: Live['minLabelledRows'],
): TriggerResult {
  const base = { trigger: check.trigger, threshold, comparator: check.comparator };
  const quiet = (value: number | null, reason: string) => ({
    ...base,
    fired: false,
    value,
    reason,
  });
  if (!check.tasks.includes(task))
    return quiet(
      null,
      `ct.live.${check.key} does not apply to a ${task} model; remove it from params.yaml`,
    );
  if (!quality) return quiet(null, 'no labelled predictions of the production model yet');
  const value = quality[check.figure];
  if (value === null || !Number.isFinite(value))
    return quiet(
      null,
      `not measurable over ${quality.rows} rows of ${quality.source}${check.figure === 'rocAuc' ? ' (one class only)' : ''}`,
    );
  if (quality.rows < minLabelledRows)
    return quiet(
      value,
      `inconclusive: ${quality.rows} labelled rows, fewer than min_labelled_rows ${minLabelledRows}`,
    );
  const fired = check.comparator === '<' ? value < threshold : value > threshold;
  const crossed = `, ${check.comparator === '<' ? 'below' : 'above'} ${formatNumber(threshold)}`;
  return {
    ...base,
    fired,
    value,
    reason: `${formatNumber(value)} over ${quality.rows} labelled rows of ${quality.source}${fired ? crossed : ''}`,
  };
}

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
  const read = (name: string) => selectSamples(metrics, name, same)[0]?.value ?? null;
  const figures = {
    accuracy: read(SERVING_METRICS.liveAccuracy.name),
    rocAuc: read(SERVING_METRICS.liveRocAuc.name),
    macroF1: read(SERVING_METRICS.liveMacroF1.name),
    rmse: read(SERVING_METRICS.liveRmse.name),
    mae: read(SERVING_METRICS.liveMae.name),
  };
  if (Object.values(figures).every((value) => value === null)) return null;
  return {
    ...figures,
    rows: best.value,
    source: `v${same.version} (${same.variant}) in the service's feedback window`,
  };
}
