import { LOWER_IS_BETTER } from '../../gate/gate-params.js';
import type { ModelSummary } from '../../train/model-family.js';
import { formatMetric } from './_markdown.js';

/** The model and the task's linear baseline on the headline metric of the test split. */
export interface HeadlineComparison {
  metric: string;
  /** The model's family: a linear model is not compared with itself. */
  modelType: ModelSummary['type'];
  /** The model's figure (the network's, for an mlp). */
  network: number;
  /** Null when the run had no linear baseline (no features to fit it on). */
  baseline: { label: string; value: number } | null;
}

/**
 * The sentence a card shows, under its metrics, when the task's linear baseline beats the model
 * on the headline metric (in that metric's direction), with both figures; null when the model
 * is at least as good, is itself linear, or there is nothing to compare.
 */
export function renderLinearBaselineNote({ metric, modelType, network, baseline }: HeadlineComparison): string | null {
  if (modelType === 'linear') return null;
  if (!baseline || !Number.isFinite(network) || !Number.isFinite(baseline.value)) return null;
  const lower = LOWER_IS_BETTER.has(metric);
  if (lower ? network <= baseline.value : network >= baseline.value) return null;
  const [model, advice] = ADVICE[modelType];
  return (
    `> **The linear baseline beats the ${model}.** On the test split, ${baseline.label} scores ${metric} ` +
    `${formatMetric(baseline.value)} against the ${model}'s ${formatMetric(network)} (${lower ? 'lower' : 'higher'} is better). ` +
    advice
  );
}

// --- internal ---

const SERVE_LINEAR = 'Serve the simpler model (`model.type: linear`, or `auto` to keep the best on the validation split)';

// The model's name in the note, and what to change in params.yaml.
const ADVICE: Readonly<Record<Exclude<ModelSummary['type'], 'linear'>, [string, string]>> = {
  mlp: ['network', "Serve the simpler model, or change `model:` in params.yaml (hidden units, epochs, learning rate) until the network wins."],
  gbdt: ['gradient-boosted trees', `${SERVE_LINEAR}, or change \`model.gbdt\` in params.yaml (learning rate, leaves, rows per leaf).`],
  imported: ['imported model', "Serve the kit's linear model instead (`model.type: linear` in params.yaml, then `modelship start`), or improve the notebook's model before importing it again."],
};
