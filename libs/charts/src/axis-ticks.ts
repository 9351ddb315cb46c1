import { scaleLinear } from 'd3-scale';

/** One tick of an axis: its value in data units and the label printed beside it. */
export interface AxisTick {
  value: number;
  label: string;
}

/**
 * About `count` round ticks (1, 2 or 5 times a power of ten) inside [min, max], sorted, each
 * labelled with only the decimals the step needs. An empty or reversed domain gives one tick.
 */
export function computeAxisTicks(min: number, max: number, count = 5): AxisTick[] {
  const scale = scaleLinear().domain([min, max]);
  if (!(max > min)) return [{ value: min, label: formatTickValue(min) }];
  // `~f` trims trailing zeros (0.20 -> 0.2, 1.0 -> 1); the precision comes from the tick step.
  const format = scale.tickFormat(count, '~f');
  return scale.ticks(count).map((value) => ({ value, label: format(value) }));
}

/** Maps a data domain onto a pixel range linearly (the range may run backwards, as SVG's y does). */
export function createLinearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  // A flat domain maps every value to the start of the range instead of dividing by zero.
  const scale = scaleLinear()
    .domain(d1 === d0 ? [d0, d0 + 1] : [d0, d1])
    .range(range);
  return (value) => scale(value);
}

function formatTickValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}
