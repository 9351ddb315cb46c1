import { afterAll, describe, expect, it } from '@jest/globals';
import { createTempDir } from '../../test/temp-files.js';
import type { DatasetSchema } from '../schema/dataset-schema.js';
import { computeReferenceStats } from './compute-reference-stats.js';
import { computeDrift } from './compute-drift.js';
import { DriftAccumulator } from './drift-accumulator.js';
import { driftBetweenCsvs } from './drift-between-csvs.js';

const temp = createTempDir();
afterAll(temp.cleanup);

const schema: DatasetSchema = {
  schemaVersion: 1,
  name: 'drift',
  target: { column: 'y', kind: 'binary', positive: '1' },
  columns: [
    { name: 'x', type: 'number', role: 'feature' },
    { name: 'c', type: 'categorical', role: 'feature', categories: ['a', 'b'] },
    { name: 'f', type: 'boolean', role: 'feature' },
    { name: 'y', type: 'integer', role: 'target' },
  ],
};

// x = 1..100, c = a for the first 50 rows, b after; f alternates.
const referenceRows = Array.from({ length: 100 }, (_, i) => ({
  x: String(i + 1),
  c: i < 50 ? 'a' : 'b',
  f: i % 2 === 0 ? 'yes' : 'no',
  y: '0',
}));

describe('computeReferenceStats', () => {
  it('summarises numeric features with quantile bins and categorical ones with shares', async () => {
    const stats = await computeReferenceStats(referenceRows, schema, { bins: 4, quantiles: 4 });
    const [x, c, f] = stats.features;
    expect(x).toMatchObject({
      kind: 'numeric',
      count: 100,
      missing: 0,
      mean: 50.5,
      min: 1,
      max: 100,
      edges: [25, 50, 75],
      proportions: [0.25, 0.25, 0.25, 0.25],
      quantiles: [1, 25, 50, 75, 100],
      cdf: [0.01, 0.25, 0.5, 0.75, 1],
    });
    expect(x.kind === 'numeric' && x.std).toBeCloseTo(29.011492, 5);
    expect(c).toMatchObject({
      kind: 'categorical',
      categories: ['a', 'b'],
      proportions: [0.5, 0.5],
      other: 0,
    });
    expect(f).toMatchObject({
      kind: 'categorical',
      boolean: true,
      categories: ['false', 'true'],
      proportions: [0.5, 0.5],
    });
    expect(stats.features.map((feature) => feature.name)).toEqual(['x', 'c', 'f']);
  });
});

describe('computeDrift', () => {
  it('gives PSI, KS and chi-squared as worked by hand for a shifted window', async () => {
    const reference = await computeReferenceStats(referenceRows, schema, { bins: 4, quantiles: 4 });
    const accumulator = new DriftAccumulator(reference);
    // x all in the top bin (76..100 twice); c 75% a; f JSON booleans, balanced.
    for (let i = 0; i < 200; i++)
      accumulator.add({ x: 76 + (i % 25), c: i % 4 === 3 ? 'b' : 'a', f: i % 2 === 0 });
    const report = computeDrift(reference, accumulator, { minSamples: 10 });
    const [x, c, f] = report.features;
    // PSI x: 3 bins (1e-4 - 0.25)ln(1e-4/0.25) + (1 - 0.25)ln(1/0.25) = 3 * 1.955229 + 1.039721
    expect(x.psi).toBeCloseTo(6.905407, 5);
    // KS x: at q = 75 the reference CDF is 0.75 and the current one 0.
    expect(x.ks).toBeCloseTo(0.75, 12);
    expect(x.mean).toEqual({ reference: 50.5, current: 88 });
    // PSI c: (0.75-0.5)ln(1.5) + (0.25-0.5)ln(0.5) = 0.101366 + 0.173287
    expect(c.psi).toBeCloseTo(0.274653, 5);
    // chi2 c: expected 100/100 → (150-100)²/100 + (50-100)²/100 = 50, df 1
    expect(c.chi2?.statistic).toBeCloseTo(50, 8);
    expect(c.chi2?.df).toBe(1);
    expect(f.psi).toBeCloseTo(0, 12);
    expect([x.status, c.status, f.status, report.status]).toEqual([
      'alert',
      'alert',
      'ok',
      'alert',
    ]);
  });

  it('counts unseen categories as other and missing values as their own bucket', async () => {
    const reference = await computeReferenceStats(referenceRows, schema, { bins: 4 });
    const accumulator = new DriftAccumulator(reference);
    for (let i = 0; i < 100; i++)
      accumulator.add({ x: i < 50 ? null : String(i), c: 'z', f: 'NA' });
    const [x, c, f] = accumulator.snapshot().features;
    expect([x.missing, x.count]).toEqual([50, 50]);
    expect(c).toMatchObject({ other: 100, counts: [0, 0] });
    expect(f).toMatchObject({ missing: 100, count: 0 });
  });

  it('merges accumulators so sliding windows can be built from slices', async () => {
    const reference = await computeReferenceStats(referenceRows, schema);
    const whole = new DriftAccumulator(reference);
    const [first, second] = [new DriftAccumulator(reference), new DriftAccumulator(reference)];
    referenceRows.forEach((row, i) => {
      whole.add(row);
      (i % 2 === 0 ? first : second).add(row);
    });
    first.merge(second);
    expect(first.snapshot()).toEqual(whole.snapshot());
  });

  it('calls a too-small window inconclusive rather than drifted', async () => {
    const reference = await computeReferenceStats(referenceRows, schema);
    const accumulator = new DriftAccumulator(reference);
    accumulator.add({ x: 1000, c: 'b', f: true });
    const report = computeDrift(reference, accumulator);
    expect(
      report.features.every((feature) => feature.inconclusive && feature.status === 'ok'),
    ).toBe(true);
  });

  it('finds no drift between a CSV and itself', async () => {
    const csv = temp.write(
      'same.csv',
      `x,c,f,y\n${referenceRows.map((row) => `${row.x},${row.c},${row.f},${row.y}`).join('\n')}\n`,
    );
    const report = await driftBetweenCsvs(csv, csv, schema);
    expect(
      report.features.map((feature) => [feature.psi, feature.ks ?? feature.chi2?.statistic]),
    ).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(report.status).toBe('ok');
  });
});
