import { LOWER_IS_BETTER } from '../../gate/gate-params.js';
import { formatMetric } from './_markdown.js';

/** The network and the task's linear baseline on the headline metric of the test split. */
export interface HeadlineComparison {
  metric: string;
  network: number;
  /** Null when the run had no linear baseline (no features to fit it on). */
  baseline: { label: string; value: number } | null;
}

/**
 * The sentence a card shows, under its metrics, when the task's linear baseline beats the network
 * on the headline metric (in that metric's direction), with both figures; null when the network
 * is at least as good or there is nothing to compare.
 */
export function renderLinearBaselineNote({ metric, network, baseline }: HeadlineComparison): string | null {
  if (!baseline || !Number.isFinite(network) || !Number.isFinite(baseline.value)) return null;
  const lower = LOWER_IS_BETTER.has(metric);
  if (lower ? network <= baseline.value : network >= baseline.value) return null;
  return (
    `> **The linear baseline beats the network.** On the test split, ${baseline.label} scores ${metric} ` +
    `${formatMetric(baseline.value)} against the network's ${formatMetric(network)} (${lower ? 'lower' : 'higher'} is better). ` +
    "Serve the simpler model, or change `model:` in params.yaml (hidden units, epochs, learning rate) until the network wins."
  );
}
