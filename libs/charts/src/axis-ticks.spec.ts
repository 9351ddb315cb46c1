import { computeAxisTicks, createLinearScale } from './axis-ticks.js';

const values = (min: number, max: number) => computeAxisTicks(min, max).map((tick) => tick.value);

describe('computeAxisTicks', () => {
  it.each([
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 100, [0, 20, 40, 60, 80, 100]],
    [0.1, 0.35, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]],
  ])('gives round ticks over [%d, %d]', (min, max, expected) => {
    expect(values(min, max)).toEqual(expected);
  });

  // Any domain, not only the tidy ones above: a tick outside the domain, out of order, not a
  // round step or labelled with float noise (0.30000000000000004) is a bug.
  it.each([
    [0.13, 0.71],
    [-3.7, 12.2],
    [0.0004, 0.0031],
    [1200, 98_000],
    [0.7, 0.74],
  ])('gives sorted round ticks inside [%d, %d], each labelled', (min, max) => {
    const ticks = computeAxisTicks(min, max);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const step = ticks[1]!.value - ticks[0]!.value;
    const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
    expect([1, 2, 5, 10].some((m) => Math.abs(step / power - m) < 1e-6)).toBe(true);
    ticks.forEach((tick, i) => {
      expect(tick.value).toBeGreaterThanOrEqual(min);
      expect(tick.value).toBeLessThanOrEqual(max);
      if (i > 0) expect(tick.value).toBeGreaterThan(ticks[i - 1]!.value);
      expect(Math.abs(tick.value / step - Math.round(tick.value / step))).toBeLessThan(1e-6);
      expect(Number(tick.label.replace('−', '-'))).toBeCloseTo(tick.value, 9);
      expect(tick.label).toMatch(/^−?\d+(\.\d{1,6})?$/);
    });
  });

  it('gives the one value of an empty domain', () => {
    expect(computeAxisTicks(0.5, 0.5)).toEqual([{ value: 0.5, label: '0.5' }]);
  });
});

describe('createLinearScale', () => {
  it('maps the domain onto a range that may run backwards', () => {
    const y = createLinearScale([0, 1], [370, 40]);
    expect([y(0), y(0.5), y(1)]).toEqual([370, 205, 40]);
  });

  it('maps a flat domain to the start of the range', () => {
    expect(createLinearScale([2, 2], [60, 460])(2)).toBe(60);
  });
});
