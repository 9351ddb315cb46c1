import { GateError } from './gate-error.js';

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
export const LOWER_IS_BETTER = new Set(['log_loss', 'brier', 'ece']);

/**
 * Reads params.yaml's `gate:` section. Any `min_<metric>` or `max_<metric>` key is a threshold
 * on that metric of metrics.json, so adding a check (say `min_recall: 0.5`) takes one line.
 */
export function parseGateParams(raw: Record<string, unknown>): GateParams {
  const thresholds: ThresholdRule[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'metric' || key === 'margin') continue;
    const match = /^(min|max)_(.+)$/.exec(key);
    if (!match) {
      throw new GateError(
        'E_GATE_PARAM',
        `params.yaml: unknown key gate.${key}; use min_<metric>, max_<metric>, metric or margin.`,
        key,
      );
    }
    thresholds.push({
      key,
      bound: match[1] as 'min' | 'max',
      metric: match[2],
      value: requireNumber(key, value),
    });
  }
  const metric = raw['metric'];
  if (typeof metric !== 'string' || metric === '') {
    throw new GateError(
      'E_GATE_PARAM',
      `params.yaml: gate.metric must name the metric compared with production (e.g. roc_auc), got ${JSON.stringify(metric)}.`,
      metric,
    );
  }
  const margin = requireNumber('margin', raw['margin']);
  if (margin < 0) {
    throw new GateError(
      'E_GATE_PARAM',
      `params.yaml: gate.margin must be 0 or more, got ${margin}.`,
      margin,
    );
  }
  return { thresholds, metric, margin };
}

function requireNumber(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new GateError(
      'E_GATE_PARAM',
      `params.yaml: gate.${key} must be a number, got ${JSON.stringify(value)}.`,
      value,
    );
  }
  return value;
}
