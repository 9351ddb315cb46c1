import type { ReferenceStats } from '@modelship/data-validation';
import { computeDrift, DriftAccumulator } from '@modelship/data-validation';
import { DriftWindow } from './drift-window.js';

// Reference: x uniform on 0..99 in ten bins of 10; c half "a", half "b".
const reference: ReferenceStats = {
  statsVersion: 1,
  rows: 1000,
  missingValues: ['', 'NA'],
  booleanValues: { true: ['true'], false: ['false'] },
  features: [
    {
      name: 'x',
      kind: 'numeric',
      count: 1000,
      missing: 0,
      mean: 49.5,
      std: 28.9,
      min: 0,
      max: 99,
      edges: [9, 19, 29, 39, 49, 59, 69, 79, 89],
      proportions: new Array(10).fill(0.1),
      quantiles: [0, 24, 49, 74, 99],
      cdf: [0.01, 0.25, 0.5, 0.75, 1],
    },
    {
      name: 'c',
      kind: 'categorical',
      count: 1000,
      missing: 0,
      categories: ['a', 'b'],
      proportions: [0.5, 0.5],
      other: 0,
    },
  ],
};

function psiOf(window: DriftWindow, feature: string): number {
  const report = computeDrift(reference, window.snapshot());
  return report.features.find((f) => f.name === feature)?.psi ?? Number.NaN;
}

describe('DriftWindow', () => {
  it('counts the reference distribution as no drift', () => {
    const window = new DriftWindow(reference, 1000);
    for (let i = 0; i < 1000; i++) window.add({ x: i % 100, c: i % 2 === 0 ? 'a' : 'b' });
    expect(window.snapshot().rows).toBe(1000);
    expect(psiOf(window, 'x')).toBeLessThan(0.01);
  });

  it('slides: rows older than the window stop counting, a slice at a time', () => {
    const window = new DriftWindow(reference, 1000, 10);
    for (let i = 0; i < 1000; i++) window.add({ x: 500, c: 'a' });
    expect(psiOf(window, 'x')).toBeGreaterThan(1);
    for (let i = 0; i < 1000; i++) window.add({ x: i % 100, c: i % 2 === 0 ? 'a' : 'b' });
    // The shifted rows have left; only the newest slices (900 to 1000 rows) remain.
    const rows = window.snapshot().rows;
    expect(rows).toBeGreaterThanOrEqual(900);
    expect(rows).toBeLessThanOrEqual(1000);
    expect(psiOf(window, 'x')).toBeLessThan(0.01);
    expect(psiOf(window, 'c')).toBeLessThan(0.01);
  });

  it('adds a row in about a microsecond (micro-benchmark, printed)', () => {
    const window = new DriftWindow(reference, 10_000);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ x: String(i % 100), c: 'a' }));
    const rounds = 200;
    const started = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const row of rows) window.add(row);
    const nsPerRow = Number(process.hrtime.bigint() - started) / (rounds * rows.length);
    const single = new DriftAccumulator(reference);
    const startedSingle = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const row of rows) single.add(row);
    const nsSingle = Number(process.hrtime.bigint() - startedSingle) / (rounds * rows.length);
    console.log(
      `DriftWindow.add: ${nsPerRow.toFixed(0)} ns/row (2 features); DriftAccumulator.add: ${nsSingle.toFixed(0)} ns/row`,
    );
    // Generous bound for a shared CI machine; the point is that it stays far below a request.
    expect(nsPerRow).toBeLessThan(50_000);
  });
});
