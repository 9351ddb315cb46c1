import { renderHeatmap, renderLineChart } from '@modelship/charts';
import type { MulticlassEvaluation } from '../evaluate/multiclass-metrics.js';
import type { RegressionSliceMetrics } from '../evaluate/regression-slices.js';
import { PLOT_FILES } from './render-plots.js';

/** Plot files of a multiclass or regression bundle, relative to the bundle, as its card links them. */
export const TASK_PLOT_FILES = {
  confusion: PLOT_FILES.confusion,
  calibration: PLOT_FILES.calibration,
  residuals: 'plots/residuals.svg',
  predictedVsActual: 'plots/predicted-vs-actual.svg',
  errorBySlice: 'plots/error-by-slice.svg',
} as const;

/** Rows drawn in a scatter plot at most: every k-th test row beyond it, so the SVG stays small. */
export const MAX_SCATTER_POINTS = 2_000;

const MODEL_COLOR = '#1f77b4';
const REFERENCE_COLOR = '#888888';

/** The N x N confusion matrix and the top-label reliability diagram of a multiclass model. */
export function renderMulticlassPlots(network: MulticlassEvaluation): Record<string, string> {
  const { classes, confusion } = network;
  const share = (value: number, row: readonly number[]) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return `${total === 0 ? '0.0' : ((100 * value) / total).toFixed(1)}% of row`;
  };
  const points = network.calibration.flatMap((bin) =>
    bin.meanPredicted === null || bin.observedRate === null ? [] : [[bin.meanPredicted, bin.observedRate] as const],
  );
  return {
    [TASK_PLOT_FILES.confusion]: renderHeatmap({
      title: `Confusion matrix (${classes.length} classes, most probable class)`,
      xLabel: 'Predicted',
      yLabel: 'Actual',
      rowLabels: classes,
      columnLabels: classes,
      values: confusion,
      notes: confusion.map((row) => row.map((value) => share(value, row))),
    }),
    [TASK_PLOT_FILES.calibration]: renderLineChart({
      title: 'Top-label calibration (reliability diagram)',
      xLabel: "Predicted class's probability (confidence)",
      yLabel: 'Accuracy',
      series: [
        { name: `Network (top-label ECE ${network.metrics.ece.toFixed(3)})`, color: MODEL_COLOR, markers: true, points },
        { name: 'Perfectly calibrated', color: REFERENCE_COLOR, dashed: true, points: [[0, 0], [1, 1]] },
      ],
    }),
  };
}

/**
 * The residuals against the predicted value, the predicted value against the actual one (in the
 * target's units, drawn in thousands or millions when they are large), and the MAE and RMSE of
 * each slice value, when there are slice columns.
 */
export function renderRegressionPlots(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  slices: Readonly<Record<string, readonly RegressionSliceMetrics[]>>,
): Record<string, string> {
  const rows = sampleRows(actual.length);
  // Large units are drawn in thousands or millions so the tick labels stay clear of the axis titles.
  const unit = chooseDisplayUnit(rows.flatMap((i) => [actual[i] ?? 0, predicted[i] ?? 0]));
  const shown = (values: ArrayLike<number>) => rows.map((i) => (values[i] ?? 0) / unit.divisor);
  const [truth, answer] = [shown(actual), shown(predicted)];
  const domain = padDomain(Math.min(...truth, ...answer), Math.max(...truth, ...answer));
  const residuals = answer.map((value, k) => [value, (truth[k] ?? 0) - value] as const);
  const largest = Math.max(...residuals.map(([, residual]) => Math.abs(residual)), Number.MIN_VALUE);
  const sampled = rows.length < actual.length ? ` (${rows.length} of ${actual.length} rows)` : '';
  const plots: Record<string, string> = {
    [TASK_PLOT_FILES.residuals]: renderLineChart({
      title: `Residuals (test split${sampled})`,
      xLabel: `Predicted value${unit.suffix}`,
      yLabel: `Actual - predicted${unit.suffix}`,
      xDomain: domain,
      yDomain: padDomain(-largest, largest),
      series: [
        { name: 'Test rows', color: MODEL_COLOR, dotsOnly: true, points: residuals },
        { name: 'No error', color: REFERENCE_COLOR, dashed: true, points: [[domain[0], 0], [domain[1], 0]] },
      ],
    }),
    [TASK_PLOT_FILES.predictedVsActual]: renderLineChart({
      title: `Predicted against actual (test split${sampled})`,
      xLabel: `Actual value${unit.suffix}`,
      yLabel: `Predicted value${unit.suffix}`,
      xDomain: domain,
      yDomain: domain,
      series: [
        { name: 'Test rows', color: MODEL_COLOR, dotsOnly: true, points: truth.map((value, k) => [value, answer[k] ?? 0] as const) },
        { name: 'Perfect prediction', color: REFERENCE_COLOR, dashed: true, points: [[domain[0], domain[0]], [domain[1], domain[1]]] },
      ],
    }),
  };
  const sliceRows = Object.entries(slices).flatMap(([column, values]) => values.map((slice) => ({ column, ...slice })));
  if (sliceRows.length > 0) {
    plots[TASK_PLOT_FILES.errorBySlice] = renderHeatmap({
      title: 'Error by slice (test split)',
      xLabel: "In the target's units",
      yLabel: 'Slice',
      rowLabels: sliceRows.map((slice) => `${slice.column} = ${slice.value}`),
      columnLabels: ['MAE', 'RMSE'],
      values: sliceRows.map((slice) => [Number(slice.mae.toPrecision(4)), Number(slice.rmse.toPrecision(4))]),
      notes: sliceRows.map((slice) => [`${slice.count} rows`, `${slice.count} rows`]),
    });
  }
  return plots;
}

// --- internal ---

function sampleRows(count: number): number[] {
  const stride = Math.max(1, Math.ceil(count / MAX_SCATTER_POINTS));
  return Array.from({ length: Math.ceil(count / stride) }, (_, k) => k * stride);
}

function chooseDisplayUnit(values: readonly number[]): { divisor: number; suffix: string } {
  const largest = Math.max(...values.map(Math.abs));
  if (largest >= 1e7) return { divisor: 1e6, suffix: ' (millions)' };
  if (largest >= 1e4) return { divisor: 1e3, suffix: ' (thousands)' };
  return { divisor: 1, suffix: '' };
}

function padDomain(low: number, high: number): [number, number] {
  const pad = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  return [low - pad, high + pad];
}
