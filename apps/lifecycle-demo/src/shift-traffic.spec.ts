import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnSchema } from '@modelship/data-validation';
import { readCsvHeader, validateDataset } from '@modelship/data-validation';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { resolveFromRoot } from '@modelship/params';
import {
  createRowEncoder,
  formatCsvLine,
  resolveTargetEncoder,
} from '@modelship/continuous-training';
import { createCtWorkspace, type CtWorkspace } from '@modelship/continuous-training/testing';
import { applyDriftShift, chooseDriftShift, type FeatureShift } from './shift-traffic.js';
import { loadTrafficRows, type FeatureRow, type TrafficRows } from './traffic-rows.js';

let ws: CtWorkspace;
let pool: TrafficRows;
beforeAll(async () => {
  ws = await createCtWorkspace({ rows: 2000 });
  pool = await loadTrafficRows(ws.ctx, { count: 4000, seed: 11, workDir: join(ws.root, 'tmp') });
});
afterAll(() => ws.cleanup());

const mean = (rows: readonly FeatureRow[], name: string) => {
  const values = rows.map((row) => row[name]).filter((v): v is number => typeof v === 'number');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
};
const rate = (labels: Uint8Array) => labels.reduce((sum, l) => sum + l, 0) / labels.length;
const share = (rows: readonly FeatureRow[], name: string, value: string) =>
  rows.filter((row) => row[name] === value).length / rows.length;

describe('loadTrafficRows', () => {
  it('draws fresh labelled rows typed by the schema: numbers, booleans, categories, null', () => {
    expect(pool.rows).toHaveLength(4000);
    expect(pool.source).toContain('seed 11');
    const types = new Map(pool.features.map((c) => [c.name, c.type]));
    for (const row of pool.rows.slice(0, 200)) {
      for (const [name, value] of Object.entries(row)) {
        const type = types.get(name);
        if (value === null) continue;
        if (type === 'number' || type === 'integer') expect(typeof value).toBe('number');
        else if (type === 'boolean') expect(typeof value).toBe('boolean');
        else expect(typeof value).toBe('string');
      }
    }
    expect(rate(pool.labels)).toBeGreaterThan(0.05);
    expect(rate(pool.labels)).toBeLessThan(0.95);
  });

  it('samples rows of the data CSV when params.yaml has no sample generator', async () => {
    ws.editParams((params) => delete params['data'].sample);
    try {
      const rows = await loadTrafficRows(ws.ctx, { count: 300, seed: 3, workDir: ws.root });
      expect(rows.rows).toHaveLength(300);
      expect(rows.source).toContain(ws.ctx.params.data.path);
    } finally {
      ws.editParams(
        (params) => (params['data'].sample = { generator: 'churn', rows: 2000, seed: 7 }),
      );
    }
  });
});

describe('applyDriftShift', () => {
  const shift = () => chooseDriftShift(pool);
  const shifted = () => applyDriftShift(pool, shift(), { count: 4000, seed: 5 });

  it('picks one numeric and one categorical feature from the data', () => {
    expect(shift().shifts.map((s) => s.kind)).toEqual(['numeric', 'categorical']);
  });

  it('moves the numeric feature by about its standard deviations, inside the schema range', () => {
    const numeric = shift().shifts[0] as Extract<FeatureShift, { kind: 'numeric' }>;
    const column = pool.features.find((c) => c.name === numeric.feature) as ColumnSchema;
    const moved = mean(shifted().rows, numeric.feature) - mean(pool.rows, numeric.feature);
    expect(Math.sign(moved)).toBe(Math.sign(numeric.by));
    expect(Math.abs(moved)).toBeGreaterThan(Math.abs(numeric.by) * 0.6);
    for (const row of shifted().rows) {
      const value = row[numeric.feature];
      if (typeof value !== 'number') continue;
      if (column.min !== undefined) expect(value).toBeGreaterThanOrEqual(column.min);
      if (column.max !== undefined) expect(value).toBeLessThanOrEqual(column.max);
      if (column.type === 'integer') expect(Number.isInteger(value)).toBe(true);
    }
  });

  it('re-weights the categorical feature towards its chosen category', () => {
    const categorical = shift().shifts[1] as Extract<FeatureShift, { kind: 'categorical' }>;
    const before = share(pool.rows, categorical.feature, categorical.category);
    const after = share(shifted().rows, categorical.feature, categorical.category);
    expect(before).toBeLessThan(0.5);
    expect(after).toBeCloseTo(categorical.share, 1);
  });

  it('doubles the base rate by resampling, keeping each row with its own label', () => {
    expect(rate(shifted().labels)).toBeCloseTo(rate(pool.labels) * 2, 1);
  });

  it('gives the same rows for the same seed', () => {
    expect(applyDriftShift(pool, shift(), { count: 50, seed: 9 }).rows).toEqual(
      applyDriftShift(pool, shift(), { count: 50, seed: 9 }).rows,
    );
  });

  it('keeps the rows valid for the dataset schema', async () => {
    const { params } = ws.ctx;
    const dataFile = resolveFromRoot(ws.root, params.data.path);
    const header = await readCsvHeader(dataFile);
    const encode = createRowEncoder(
      pool.schema,
      header,
      await resolveTargetEncoder('binary', pool.schema, dataFile),
    );
    const { rows, labels } = shifted();
    const lines = rows.map((features, i) =>
      formatCsvLine(
        encode({ predictionId: `p${i}`, label: labels[i], features } as FeedbackRecord),
      ),
    );
    const file = join(ws.root, 'shifted.csv');
    writeFileSync(file, `${formatCsvLine(header)}\n${lines.join('\n')}\n`);
    const report = await validateDataset(file, pool.schema);
    expect(report.checks.filter((check) => !check.passed)).toEqual([]);
  });
});

describe('chooseDriftShift', () => {
  // Column names that mean nothing: the choice must come from the values.
  const synthetic = (): TrafficRows => {
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const rows = Array.from(labels, (label, i) => ({
      n_a: (i * 7919) % 100,
      n_b: label * 10 + ((i * 31) % 7),
      c_a: ['x', 'y', 'z'][i % 3] === 'x' && label ? 'x' : ['p', 'q'][i % 2]!,
      c_b: ['u', 'v'][(i * 13) % 2]!,
    }));
    const column = (name: string, type: ColumnSchema['type']): ColumnSchema => ({
      name,
      type,
      role: 'feature',
    });
    const features = [
      column('n_a', 'number'),
      column('n_b', 'number'),
      column('c_b', 'categorical'),
      column('c_a', 'categorical'),
    ];
    return {
      schema: {
        schemaVersion: 1,
        name: 't',
        target: { column: 'y', kind: 'binary' },
        columns: features,
      },
      features,
      rows,
      labels,
      source: 'test',
    };
  };

  it('takes the numeric and categorical features that go most with the label', () => {
    const shift = chooseDriftShift(synthetic());
    expect(shift.shifts.map((s) => s.feature)).toEqual(['n_b', 'c_a']);
    // Moved against the label: the old model then predicts fewer positives.
    expect((shift.shifts[0] as { by: number }).by).toBeLessThan(0);
  });

  it.each([
    [
      ['c_b', 'n_a'],
      ['c_b', 'n_a'],
    ],
    [['n_a'], ['n_a']],
  ])('shifts the features it is given: %j', (features, expected) => {
    expect(chooseDriftShift(synthetic(), { features }).shifts.map((s) => s.feature)).toEqual(
      expected,
    );
  });

  it('names a feature it cannot shift and lists the ones it can', () => {
    expect(() => chooseDriftShift(synthetic(), { features: ['nope'] })).toThrow(
      /cannot shift `nope`.*n_a, n_b, c_b, c_a/,
    );
  });
});
