import { formatCoordinate, renderElement, renderText } from './xml.js';
import { renderLegend } from './_legend.js';
import { computeAxisTicks, createLinearScale } from './axis-ticks.js';
import type { LineSeries } from './line-series.js';
import { renderSvg } from './render-svg.js';

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  xDomain?: [number, number];
  yDomain?: [number, number];
  width?: number;
  height?: number;
}

export const CHART_MARGIN = { top: 40, right: 20, bottom: 50, left: 60 } as const;

/**
 * A self-contained SVG line chart: title, axes with ticks and labels, grid, one polyline per
 * series (tagged data-series, the first drawn on top) and a legend. Renders the same bytes for the same input.
 */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 480;
  const height = spec.height ?? 420;
  const plot = {
    left: CHART_MARGIN.left,
    right: width - CHART_MARGIN.right,
    top: CHART_MARGIN.top,
    bottom: height - CHART_MARGIN.bottom,
  };
  const [x0, x1] = spec.xDomain ?? [0, 1];
  const [y0, y1] = spec.yDomain ?? [0, 1];
  const x = createLinearScale([x0, x1], [plot.left, plot.right]);
  const y = createLinearScale([y0, y1], [plot.bottom, plot.top]);
  const parts: string[] = [];
  for (const tick of computeAxisTicks(x0, x1)) {
    const px = formatCoordinate(x(tick.value));
    parts.push(
      renderElement('line', { x1: px, x2: px, y1: plot.top, y2: plot.bottom, stroke: '#e5e5e5' }),
      renderText(tick.label, {
        x: px,
        y: plot.bottom + 16,
        'text-anchor': 'middle',
        'font-size': 11,
      }),
    );
  }
  for (const tick of computeAxisTicks(y0, y1)) {
    const py = formatCoordinate(y(tick.value));
    parts.push(
      renderElement('line', { x1: plot.left, x2: plot.right, y1: py, y2: py, stroke: '#e5e5e5' }),
      renderText(tick.label, {
        x: plot.left - 6,
        y: py,
        'text-anchor': 'end',
        'dominant-baseline': 'middle',
        'font-size': 11,
      }),
    );
  }
  parts.push(
    renderElement('rect', {
      x: plot.left,
      y: plot.top,
      width: plot.right - plot.left,
      height: plot.bottom - plot.top,
      fill: 'none',
      stroke: '#333333',
    }),
    renderText(spec.xLabel, {
      x: (plot.left + plot.right) / 2,
      y: height - 12,
      'text-anchor': 'middle',
      'font-size': 13,
    }),
    renderText(spec.yLabel, {
      x: 16,
      y: (plot.top + plot.bottom) / 2,
      'text-anchor': 'middle',
      'font-size': 13,
      transform: `rotate(-90 16 ${(plot.top + plot.bottom) / 2})`,
    }),
  );
  // Drawn in reverse so the first series (the candidate model) lies on top of the others.
  for (const series of [...spec.series].reverse()) parts.push(renderSeries(series, x, y));
  parts.push(renderLegend(spec.series, plot, (p) => [x(p[0]), y(p[1])]));
  return renderSvg(width, height, spec.title, parts);
}

// --- internal ---

function renderSeries(
  series: LineSeries,
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  const points = series.points.map(
    ([px, py]) => `${formatCoordinate(x(px))},${formatCoordinate(y(py))}`,
  );
  if (series.dotsOnly) {
    const dots = points.map((point) => {
      const [cx, cy] = point.split(',');
      return renderElement('circle', { cx, cy, r: 2, fill: series.color, 'fill-opacity': 0.5 });
    });
    return renderElement('g', { 'data-series': series.name }, dots);
  }
  const children = [
    renderElement('polyline', {
      points: points.join(' '),
      fill: 'none',
      stroke: series.color,
      'stroke-width': 2,
      'stroke-dasharray': series.dashed ? '6 4' : undefined,
    }),
  ];
  if (series.markers) {
    for (const point of points) {
      const [cx, cy] = point.split(',');
      children.push(renderElement('circle', { cx, cy, r: 3.5, fill: series.color }));
    }
  }
  return renderElement('g', { 'data-series': series.name }, children);
}
