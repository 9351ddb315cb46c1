import type { SliceMetrics } from '../../evaluate/slices.js';
import type { ModelCardInput } from './card-input.js';
import { formatCount, formatMetric, formatPercent } from './_markdown.js';
import { SMALL_SLICE } from './_sections.js';

/**
 * Slices whose AUC trails the other values of the same feature (their count-weighted mean AUC)
 * by more than this are called out. Comparing with the overall AUC instead would flag every
 * value of a strong feature, since ranking within a slice is harder than across slices.
 */
const SLICE_AUC_GAP = 0.05;
const CALIBRATION_WARNING = 0.05;
const BASELINE_GAP = 0.01;

/** Limitations stated from what this run measured, not boilerplate. */
export function findLimitations(input: ModelCardInput): string[] {
  const { network, baselines, slices } = input.evaluation;
  const found: string[] = [
    `Measured on one held-out split of \`${input.data.path}\` (${formatCount(network.rows)} rows). Performance on data from another period, region or product is unknown; watch the drift metrics once it serves.`,
  ];
  if (network.positiveRate < 0.2 || network.positiveRate > 0.8) {
    found.push(
      `The classes are imbalanced (${formatPercent(network.positiveRate)} positive): prefer PR AUC to accuracy, and choose the threshold for the cost of each error.`,
    );
  }
  const logistic = baselines.find((b) => b.id === 'logistic_regression');
  const modelType = input.training?.model.type ?? 'mlp';
  if (logistic && modelType !== 'linear' && network.metrics.roc_auc - logistic.evaluation.metrics.roc_auc <= BASELINE_GAP) {
    found.push(
      `The model's ROC AUC (${formatMetric(network.metrics.roc_auc)}) is within ${BASELINE_GAP} of the logistic regression baseline (${formatMetric(logistic.evaluation.metrics.roc_auc)}): the simpler model may serve as well and is easier to explain.`,
    );
  }
  if (network.metrics.ece > CALIBRATION_WARNING) {
    found.push(
      `Probabilities are not well calibrated (expected calibration error ${formatMetric(network.metrics.ece)}); do not read them as exact rates without recalibrating.`,
    );
  }
  for (const [column, values] of Object.entries(slices)) {
    const weak = findWeakSlices(values);
    if (weak.length > 0) {
      found.push(
        `Weaker on \`${column}\` = ${weak.map((s) => `\`${s.value}\` (AUC ${formatMetric(s.rocAuc)})`).join(', ')}: more than ${SLICE_AUC_GAP} under the other values of \`${column}\`.`,
      );
    }
    const small = values.filter((s) => s.count < SMALL_SLICE).length;
    if (small > 0)
      found.push(
        `${small} value(s) of \`${column}\` have fewer than ${SMALL_SLICE} test rows; their metrics are unreliable.`,
      );
  }
  return found;
}

function findWeakSlices(slices: readonly SliceMetrics[]): SliceMetrics[] {
  const scored = slices.filter((s) => s.count >= SMALL_SLICE && s.rocAuc !== null);
  const total = scored.reduce((sum, s) => sum + s.count, 0);
  return scored.filter((slice) => {
    const others = total - slice.count;
    if (others === 0) return false;
    const othersAuc =
      scored.reduce((sum, s) => (s === slice ? sum : sum + s.count * (s.rocAuc ?? 0)), 0) / others;
    return othersAuc - (slice.rocAuc ?? 0) > SLICE_AUC_GAP;
  });
}
