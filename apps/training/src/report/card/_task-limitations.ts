import type { TaskCardInput } from './task-card-input.js';
import { formatCount, formatMetric } from './_markdown.js';
import { SMALL_SLICE } from './_sections.js';

const CALIBRATION_WARNING = 0.05;
/** A slice whose MAE is this many times the overall MAE is called out. */
const SLICE_MAE_RATIO = 1.5;

/** Limitations of a multiclass or regression model stated from what this run measured. */
export function findTaskLimitations(input: TaskCardInput): string[] {
  const { evaluation } = input;
  const rows = evaluation.task === 'multiclass' ? evaluation.network.rows : evaluation.rows;
  const found = [
    `Measured on one held-out split of \`${input.data.path}\` (${formatCount(rows)} rows). Performance on data from another period, region or product is unknown; watch the drift metrics once it serves.`,
  ];
  if (evaluation.task === 'multiclass') {
    const small = evaluation.network.perClass.filter((c) => c.support < SMALL_SLICE);
    if (small.length > 0) {
      found.push(
        `${small.map((c) => `\`${c.class}\` (${c.support})`).join(', ')} ${small.length === 1 ? 'has' : 'have'} fewer than ${SMALL_SLICE} test rows; ${small.length === 1 ? 'its' : 'their'} per-class figures are unreliable.`,
      );
    }
    if (evaluation.network.metrics.ece > CALIBRATION_WARNING) {
      found.push(
        `The predicted class's probability is not well calibrated (top-label expected calibration error ${formatMetric(evaluation.network.metrics.ece)}); do not read it as the chance of being right without recalibrating.`,
      );
    }
    return found;
  }
  const overall = evaluation.network.mae;
  for (const [column, values] of Object.entries(input.slices ?? {})) {
    const weak = values.filter((s) => s.count >= SMALL_SLICE && s.mae > overall * SLICE_MAE_RATIO);
    if (weak.length > 0) {
      found.push(
        `Weaker on \`${column}\` = ${weak.map((s) => `\`${s.value}\` (MAE ${formatMetric(s.mae)})`).join(', ')}: more than ${SLICE_MAE_RATIO} times the overall MAE (${formatMetric(overall)}).`,
      );
    }
  }
  if (evaluation.network.mape === undefined) {
    found.push('MAPE is left out: some actual values are 0, where a percentage error is undefined.');
  }
  return found;
}
