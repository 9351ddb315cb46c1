import type { Params } from '@modelship/params';
import { validateParamsSection } from '@modelship/params';

export interface ThresholdRule {
  /** The params.yaml key, e.g. "min_roc_auc". */
  key: string;
  metric: string;
  bound: 'min' | 'max';
  value: number;
}

export interface GateParams {
  thresholds: ThresholdRule[];
  /** The metric compared against the production model. */
  metric: string;
  /** The candidate must beat production by more than this. */
  margin: number;
}

/** Metrics where smaller is better; every other metric is compared as higher-is-better. */
export const LOWER_IS_BETTER = new Set(['log_loss', 'brier', 'ece', 'rmse', 'mae', 'mape', 'mse']);

/**
 * Reads params.yaml's `gate:` section. Any `min_<metric>` or `max_<metric>` key is a threshold
 * on that metric of metrics.json, so adding a check (say `min_recall: 0.5`) takes one line.
 * @throws ParamsError naming the key, the value and what is allowed
 */
export function parseGateParams(raw: Readonly<Record<string, unknown>>): GateParams {
  const { metric, margin, ...bounds } = validateParamsSection(
    { gate: raw },
    'gate',
  ) as Params['gate'];
  // The schema lets only `min_<metric>` and `max_<metric>` through besides metric and margin.
  const thresholds = Object.entries(bounds).map(([key, value]): ThresholdRule => ({
    key,
    bound: key.startsWith('min_') ? 'min' : 'max',
    metric: key.slice('min_'.length),
    value,
  }));
  return { thresholds, metric, margin };
}
