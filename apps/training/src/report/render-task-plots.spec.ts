import { findAll, parseXml } from '@modelship/charts/testing';
import { computeMulticlassMetrics } from '../evaluate/multiclass-metrics.js';
import { computeRegressionSliceMetrics } from '../evaluate/regression-slices.js';
import { MAX_SCATTER_POINTS, renderMulticlassPlots, renderRegressionPlots, TASK_PLOT_FILES } from './render-task-plots.js';

type XmlNode = ReturnType<typeof parseXml>;

function cellTexts(svg: string): string[][] {
  const cells = findAll(parseXml(svg), 'g').filter((g) => g.attributes['data-cell'] !== undefined);
  return cells.map((cell) => findAll(cell, 'text').map((text) => text.text));
}

function series(svg: string, name: string): XmlNode {
  const group = findAll(parseXml(svg), 'g').find((g) => g.attributes['data-series']?.startsWith(name));
  if (!group) throw new Error(`no series ${name}`);
  return group;
}

describe('renderMulticlassPlots', () => {
  const classes = ['low', 'normal', 'urgent'];
  const labels = [0, 1, 2, 1];
  const probabilities = [0.9, 0.05, 0.05, 0.6, 0.3, 0.1, 0.1, 0.1, 0.8, 0.2, 0.7, 0.1];
  const plots = renderMulticlassPlots(computeMulticlassMetrics(labels, probabilities, classes));

  it('draws the N x N confusion matrix with counts and row shares', () => {
    expect(cellTexts(plots[TASK_PLOT_FILES.confusion] ?? '')).toEqual([
      ['1', '100.0% of row'], ['0', '0.0% of row'], ['0', '0.0% of row'],
      ['1', '50.0% of row'], ['1', '50.0% of row'], ['0', '0.0% of row'],
      ['0', '0.0% of row'], ['0', '0.0% of row'], ['1', '100.0% of row'],
    ]);
  });

  it('draws the top-label reliability curve through each filled bin, with its ECE', () => {
    const curve = series(plots[TASK_PLOT_FILES.calibration] ?? '', 'Network');
    expect(curve.attributes['data-series']).toBe('Network (top-label ECE 0.300)');
    expect(findAll(curve, 'circle')).toHaveLength(4);
  });
});

describe('renderRegressionPlots', () => {
  const actual = Array.from({ length: 5_000 }, (_, i) => 100 + i);
  const predicted = actual.map((value, i) => value + (i % 2 === 0 ? 10 : -10));
  const rows = actual.map((_, i) => ({ district: i < 4_000 ? 'north' : 'hills' }));
  const slices = computeRegressionSliceMetrics(rows, actual, predicted, ['district']);
  const plots = renderRegressionPlots(actual, predicted, slices);

  it('draws every test row, or an even sample of at most MAX_SCATTER_POINTS, as dots without a line', () => {
    for (const file of [TASK_PLOT_FILES.residuals, TASK_PLOT_FILES.predictedVsActual]) {
      const dots = series(plots[file] ?? '', 'Test rows');
      expect(findAll(dots, 'polyline')).toHaveLength(0);
      expect(findAll(dots, 'circle')).toHaveLength(Math.ceil(5_000 / Math.ceil(5_000 / MAX_SCATTER_POINTS)));
    }
    const small = renderRegressionPlots([1, 2, 3], [1.5, 2, 2.5], {});
    expect(findAll(series(small[TASK_PLOT_FILES.residuals] ?? '', 'Test rows'), 'circle')).toHaveLength(3);
    expect(small[TASK_PLOT_FILES.errorBySlice]).toBeUndefined();
  });

  it('draws large values in thousands, saying so on the axes', () => {
    const prices = renderRegressionPlots([250_000, 300_000], [240_000, 310_000], {});
    const texts = findAll(parseXml(prices[TASK_PLOT_FILES.predictedVsActual] ?? ''), 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['Actual value (thousands)', 'Predicted value (thousands)', '260', '300']));
    const dots = findAll(series(prices[TASK_PLOT_FILES.residuals] ?? '', 'Test rows'), 'circle');
    expect(dots).toHaveLength(2);
  });

  it('shades the MAE and RMSE of each slice value, with its row count', () => {
    expect(cellTexts(plots[TASK_PLOT_FILES.errorBySlice] ?? '')).toEqual([
      ['10', '4000 rows'],
      ['10', '4000 rows'],
      ['10', '1000 rows'],
      ['10', '1000 rows'],
    ]);
    const labels = findAll(parseXml(plots[TASK_PLOT_FILES.errorBySlice] ?? ''), 'text').map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['district = north', 'district = hills']));
  });
});
