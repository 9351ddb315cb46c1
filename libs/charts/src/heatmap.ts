import { renderElement, renderText } from './xml.js';
import { renderSvg } from './render-svg.js';

export interface HeatmapSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** values[row][column], shown as counts and shaded by their share of the largest. */
  values: readonly (readonly number[])[];
  /** A second line under each count, e.g. its share of the row. */
  notes?: readonly (readonly string[])[];
}

/** A small annotated heat map (a confusion matrix), as a self-contained SVG. */
export function renderHeatmap(spec: HeatmapSpec): string {
  const cell = 110;
  const left = 130;
  const top = 70;
  const width = left + cell * spec.columnLabels.length + 30;
  const height = top + cell * spec.rowLabels.length + 20;
  const max = Math.max(1, ...spec.values.flat());
  const parts: string[] = [
    renderText(spec.xLabel, {
      x: left + (cell * spec.columnLabels.length) / 2,
      y: 44,
      'text-anchor': 'middle',
      'font-size': 13,
    }),
  ];
  spec.columnLabels.forEach((label, c) => {
    parts.push(
      renderText(label, {
        x: left + cell * c + cell / 2,
        y: top - 8,
        'text-anchor': 'middle',
        'font-size': 12,
      }),
    );
  });
  const middleY = top + (cell * spec.rowLabels.length) / 2;
  parts.push(
    renderText(spec.yLabel, {
      x: 18,
      y: middleY,
      'text-anchor': 'middle',
      'font-size': 13,
      transform: `rotate(-90 18 ${middleY})`,
    }),
  );
  spec.rowLabels.forEach((label, r) => {
    parts.push(
      renderText(label, {
        x: left - 8,
        y: top + cell * r + cell / 2,
        'text-anchor': 'end',
        'dominant-baseline': 'middle',
        'font-size': 12,
      }),
    );
    spec.columnLabels.forEach((_, c) => {
      const value = spec.values[r][c];
      const share = value / max;
      const x = left + cell * c;
      const y = top + cell * r;
      parts.push(
        renderElement('g', { 'data-cell': `${r},${c}` }, [
          renderElement('rect', {
            x,
            y,
            width: cell,
            height: cell,
            fill: shade(share),
            stroke: '#ffffff',
            'stroke-width': 2,
          }),
          renderText(String(value), {
            x: x + cell / 2,
            y: y + cell / 2 - (spec.notes ? 6 : 0),
            'text-anchor': 'middle',
            'dominant-baseline': 'middle',
            'font-size': 18,
            fill: share > 0.5 ? '#ffffff' : '#111111',
          }),
          spec.notes
            ? renderText(spec.notes[r][c], {
                x: x + cell / 2,
                y: y + cell / 2 + 16,
                'text-anchor': 'middle',
                'font-size': 11,
                fill: share > 0.5 ? '#ffffff' : '#333333',
              })
            : '',
        ]),
      );
    });
  });
  return renderSvg(width, height, spec.title, parts);
}

/** White to a deep blue, linear in the share. */
function shade(share: number): string {
  const from = [247, 251, 255];
  const to = [8, 69, 148];
  const rgb = from.map((f, i) => Math.round(f + (to[i] - f) * share));
  return `rgb(${rgb.join(',')})`;
}
