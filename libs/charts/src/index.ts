export type { AxisTick } from './axis-ticks.js';
export { computeAxisTicks, createLinearScale } from './axis-ticks.js';
export type { HeatmapSpec } from './heatmap.js';
export { renderHeatmap } from './heatmap.js';
export type { LineChartSpec } from './line-chart.js';
export { CHART_MARGIN, renderLineChart } from './line-chart.js';
export type { LineSeries } from './line-series.js';
export { renderSvg } from './render-svg.js';
export { escapeXml } from './xml.js';
