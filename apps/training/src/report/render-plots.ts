import { thinCurve } from '../evaluate/curves.js';
import type { ModelEvaluation } from '../evaluate/evaluate-predictions.js';
import { renderHeatmap, renderLineChart, type LineSeries } from '@modelship/charts';

/** A model's evaluation under the name shown in legends. */
export interface NamedEvaluation {
  label: string;
  evaluation: ModelEvaluation;
}

/** Plot files of the bundle's plots/ folder, relative to the bundle, as the card links them. */
export const PLOT_FILES = {
  roc: 'plots/roc.svg',
  pr: 'plots/pr.svg',
  confusion: 'plots/confusion-matrix.svg',
  calibration: 'plots/calibration.svg',
} as const;

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'];
const REFERENCE_COLOR = '#888888';

/** The y = x reference line: chance on a ROC curve, perfect calibration on a reliability diagram. */
function diagonal(name: string): LineSeries {
  return {
    name,
    color: REFERENCE_COLOR,
    dashed: true,
    points: [
      [0, 0],
      [1, 1],
    ],
  };
}

/**
 * Renders the ROC, precision-recall, confusion-matrix and calibration plots. The first model is
 * the candidate; the others (the baselines worth plotting) are drawn beside it.
 */
export function renderEvaluationPlots(models: readonly NamedEvaluation[]): Record<string, string> {
  const [candidate] = models;
  if (!candidate) throw new RangeError('renderEvaluationPlots needs at least one model.');
  return {
    [PLOT_FILES.roc]: renderRocPlot(models),
    [PLOT_FILES.pr]: renderPrPlot(models),
    [PLOT_FILES.confusion]: renderConfusionPlot(candidate),
    [PLOT_FILES.calibration]: renderCalibrationPlot(models),
  };
}

export function renderRocPlot(models: readonly NamedEvaluation[]): string {
  const series: LineSeries[] = models.map((m, i) => ({
    name: `${m.label} (AUC ${m.evaluation.metrics.roc_auc.toFixed(3)})`,
    color: COLORS[i % COLORS.length],
    points: thinCurve(m.evaluation.roc, (p) => [p.fpr, p.tpr]).map((p) => [p.fpr, p.tpr] as const),
  }));
  series.push(diagonal('Chance'));
  return renderLineChart({
    title: 'ROC curve (test split)',
    xLabel: 'False positive rate',
    yLabel: 'True positive rate',
    series,
  });
}

export function renderPrPlot(models: readonly NamedEvaluation[]): string {
  const series: LineSeries[] = models.map((m, i) => ({
    name: `${m.label} (AP ${m.evaluation.metrics.pr_auc.toFixed(3)})`,
    color: COLORS[i % COLORS.length],
    // Drawn as the step function average precision sums, starting at recall 0.
    points: toSteps(
      thinCurve(m.evaluation.pr, (p) => [p.recall, p.precision]).map(
        (p) => [p.recall, p.precision] as const,
      ),
    ),
  }));
  const rate = models[0].evaluation.positiveRate;
  series.push({
    name: `Chance (positive rate ${rate.toFixed(3)})`,
    color: REFERENCE_COLOR,
    dashed: true,
    points: [
      [0, rate],
      [1, rate],
    ],
  });
  return renderLineChart({
    title: 'Precision-recall curve (test split)',
    xLabel: 'Recall',
    yLabel: 'Precision',
    series,
  });
}

export function renderConfusionPlot(model: NamedEvaluation): string {
  const {
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
  } = model.evaluation.confusion;
  const share = (value: number, row: number) =>
    `${row === 0 ? '0.0' : ((100 * value) / row).toFixed(1)}% of row`;
  return renderHeatmap({
    title: `Confusion matrix at threshold ${model.evaluation.threshold}`,
    xLabel: 'Predicted',
    yLabel: 'Actual',
    rowLabels: ['negative (0)', 'positive (1)'],
    columnLabels: ['negative (0)', 'positive (1)'],
    values: [
      [tn, fp],
      [fn, tp],
    ],
    notes: [
      [share(tn, tn + fp), share(fp, tn + fp)],
      [share(fn, fn + tp), share(tp, fn + tp)],
    ],
  });
}

export function renderCalibrationPlot(models: readonly NamedEvaluation[]): string {
  const series: LineSeries[] = models.map((m, i) => ({
    name: `${m.label} (ECE ${m.evaluation.metrics.ece.toFixed(3)})`,
    color: COLORS[i % COLORS.length],
    markers: true,
    points: m.evaluation.calibration.flatMap((bin) =>
      bin.meanPredicted === null || bin.observedRate === null
        ? []
        : [[bin.meanPredicted, bin.observedRate] as const],
    ),
  }));
  series.push(diagonal('Perfectly calibrated'));
  return renderLineChart({
    title: 'Calibration (reliability diagram)',
    xLabel: 'Mean predicted probability',
    yLabel: 'Observed positive rate',
    series,
  });
}

function toSteps(points: readonly (readonly [number, number])[]): [number, number][] {
  const steps: [number, number][] = [];
  let previousRecall = 0;
  for (const [recall, precision] of points) {
    steps.push([previousRecall, precision], [recall, precision]);
    previousRecall = recall;
  }
  return steps;
}
