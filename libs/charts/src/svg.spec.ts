import { renderHeatmap } from './heatmap.js';
import { CHART_MARGIN, renderLineChart } from './line-chart.js';
import { findAll, parseXml } from './testing/parse-xml.js';

describe('parseXml (the specs helper)', () => {
  it.each([
    ['<svg><g></svg>', /closes <g>/],
    ['<svg><g/>', /never closed/],
    ['<svg>a & b</svg>', /Unescaped '&'/],
    ['<svg/><svg/>', /More than one root/],
  ])('rejects %s', (source, message) => {
    expect(() => parseXml(source)).toThrow(message);
  });
});

describe('renderLineChart', () => {
  const svg = renderLineChart({
    title: 'A & B <test>',
    xLabel: 'x',
    yLabel: 'y',
    width: 480,
    height: 420,
    series: [
      {
        name: 'model',
        color: '#123456',
        points: [
          [0, 0],
          [0.5, 0.25],
          [1, 1],
        ],
      },
      {
        name: 'chance',
        color: '#888888',
        dashed: true,
        points: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
  });
  const root = parseXml(svg);

  it('is well-formed SVG with the title escaped', () => {
    expect(root.name).toBe('svg');
    expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(findAll(root, 'text').some((t) => t.text === 'A & B <test>')).toBe(true);
  });

  const seriesGroup = (name: string) => {
    const group = findAll(root, 'g').find((g) => g.attributes['data-series'] === name);
    if (!group) throw new Error(`no series ${name}`);
    return group;
  };

  it('draws each series through its data points on the plot area', () => {
    const [polyline] = findAll(seriesGroup('model'), 'polyline');
    const width = 480 - CHART_MARGIN.left - CHART_MARGIN.right;
    const height = 420 - CHART_MARGIN.top - CHART_MARGIN.bottom;
    const points: [number, number][] = [
      [0, 0],
      [0.5, 0.25],
      [1, 1],
    ];
    const expected = points
      .map(([x, y]) => `${CHART_MARGIN.left + x * width},${420 - CHART_MARGIN.bottom - y * height}`)
      .join(' ');
    expect(polyline?.attributes['points']).toBe(expected);
  });

  it('labels the axes, ticks and legend', () => {
    const texts = findAll(root, 'text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['x', 'y', '0', '0.2', '1', 'model', 'chance']));
    expect(findAll(seriesGroup('chance'), 'polyline')[0].attributes['stroke-dasharray']).toBe(
      '6 4',
    );
  });
});

describe('renderLineChart with a dots-only series', () => {
  it('draws a dot at each point and no line (a scatter plot)', () => {
    const root = parseXml(
      renderLineChart({
        title: 'scatter',
        xLabel: 'x',
        yLabel: 'y',
        series: [{ name: 'rows', color: '#123456', dotsOnly: true, points: [[0.1, 0.2], [0.5, 0.5], [0.9, 0.7]] }],
      }),
    );
    const group = findAll(root, 'g').find((g) => g.attributes['data-series'] === 'rows');
    expect(group && findAll(group, 'polyline')).toHaveLength(0);
    expect(group && findAll(group, 'circle')).toHaveLength(3);
  });
});

describe('renderHeatmap', () => {
  it('writes each count in its cell', () => {
    const root = parseXml(
      renderHeatmap({
        title: 't',
        xLabel: 'Predicted',
        yLabel: 'Actual',
        rowLabels: ['0', '1'],
        columnLabels: ['0', '1'],
        values: [
          [50, 3],
          [7, 40],
        ],
      }),
    );
    const cells = findAll(root, 'g').filter((g) => g.attributes['data-cell']);
    expect(cells.map((c) => [c.attributes['data-cell'], findAll(c, 'text')[0].text])).toEqual([
      ['0,0', '50'],
      ['0,1', '3'],
      ['1,0', '7'],
      ['1,1', '40'],
    ]);
  });
});

describe('the legend', () => {
  const legendBox = (points: [number, number][]) => {
    const root = parseXml(
      renderLineChart({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        series: [{ name: 'model', color: '#000000', points }],
      }),
    );
    const legend = findAll(root, 'g').find((g) => g.attributes['class'] === 'legend');
    return findAll(legend ?? root, 'rect')[0]?.attributes ?? {};
  };

  it('sits bottom-right when the curve keeps to the top-left', () => {
    expect(
      Number(
        legendBox([
          [0, 0],
          [0, 1],
          [1, 1],
        ])['x'],
      ),
    ).toBeGreaterThan(240);
  });

  it('moves away from a curve that runs through the bottom-right', () => {
    const box = legendBox([
      [0, 0],
      [0.5, 0.05],
      [1, 0.1],
      [1, 1],
    ]);
    expect(Number(box['x'])).toBe(CHART_MARGIN.left + 8);
    expect(Number(box['y'])).toBe(CHART_MARGIN.top + 8);
  });
});
