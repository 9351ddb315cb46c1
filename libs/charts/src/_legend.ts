import { renderElement, renderText } from './xml.js';
import type { LineSeries } from './line-series.js';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const ROW_HEIGHT = 18;
const INSET = 8;

/**
 * The legend goes in the corner of the plot area that hides the fewest solid-line pixels,
 * trying bottom-right first (where ROC and PR curves rarely go), so it never covers the model.
 */
export function renderLegend(
  series: readonly LineSeries[],
  plot: Box,
  toPixels: (point: readonly [number, number]) => [number, number],
): string {
  const width = 46 + Math.max(...series.map((s) => s.name.length)) * 6.5;
  const height = series.length * ROW_HEIGHT + 8;
  const at = (left: number, top: number): Box => ({
    left,
    top,
    right: left + width,
    bottom: top + height,
  });
  const corners = [
    at(plot.right - INSET - width, plot.bottom - INSET - height),
    at(plot.left + INSET, plot.top + INSET),
    at(plot.right - INSET - width, plot.top + INSET),
    at(plot.left + INSET, plot.bottom - INSET - height),
  ];
  const samples = sampleSolidLines(series, toPixels);
  const covered = corners.map(
    (box) =>
      samples.filter(
        ([px, py]) => px >= box.left && px <= box.right && py >= box.top && py <= box.bottom,
      ).length,
  );
  const best = corners[covered.indexOf(Math.min(...covered))];
  const rows = series.map((s, i) => {
    const cy = best.top + 4 + ROW_HEIGHT * i + ROW_HEIGHT / 2;
    return [
      renderElement('line', {
        x1: best.left + 8,
        x2: best.left + 30,
        y1: cy,
        y2: cy,
        stroke: s.color,
        'stroke-width': 2,
        'stroke-dasharray': s.dashed ? '6 4' : undefined,
      }),
      renderText(s.name, {
        x: best.left + 36,
        y: cy,
        'dominant-baseline': 'middle',
        'font-size': 12,
      }),
    ].join('');
  });
  return renderElement('g', { class: 'legend' }, [
    renderElement('rect', {
      x: best.left,
      y: best.top,
      width,
      height,
      fill: '#ffffff',
      'fill-opacity': 0.9,
      stroke: '#999999',
    }),
    ...rows,
  ]);
}

// Points every few pixels along each solid series, so sparse polylines count where they cross.
function sampleSolidLines(
  series: readonly LineSeries[],
  toPixels: (point: readonly [number, number]) => [number, number],
): [number, number][] {
  const samples: [number, number][] = [];
  for (const s of series) {
    if (s.dashed) continue;
    const pixels = s.points.map(toPixels);
    pixels.forEach((point, i) => {
      const next = pixels[i + 1];
      samples.push(point);
      if (!next) return;
      const steps = Math.ceil(Math.hypot(next[0] - point[0], next[1] - point[1]) / 4);
      for (let k = 1; k < steps; k++) {
        samples.push([
          point[0] + ((next[0] - point[0]) * k) / steps,
          point[1] + ((next[1] - point[1]) * k) / steps,
        ]);
      }
    });
  }
  return samples;
}
