/** Maps a data domain onto a pixel range linearly (the range may run backwards, as SVG's y does). */
export function createLinearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number): number => r0 + ((value - d0) / span) * (r1 - r0);
}

/** About `count` round tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max]. */
export function computeTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rough = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

export function formatTick(value: number): string {
  return String(Number(value.toPrecision(6)));
}
