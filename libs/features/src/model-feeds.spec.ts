import type { FeatureSpec } from './feature-spec.js';
import { OOV_BUCKET } from './feature-spec.js';
import { buildModelFeeds } from './model-feeds.js';
import { FLOAT32_EXACT_INTEGER, transformRows } from './transform-row.js';

// An imported model's spec: a text column, a float column, an integer column and a boolean one.
const SPEC: FeatureSpec = {
  specVersion: 1,
  columns: [
    { kind: 'raw-string', column: 'plan', vocabulary: ['basic', 'pro'] },
    { kind: 'raw-number', column: 'usage' },
    { kind: 'raw-number', column: 'seats' },
    { kind: 'raw-number', column: 'trial', boolean: true },
  ],
  excluded: [],
  featureNames: ['plan', 'usage', 'seats', 'trial'],
  width: 4,
  missingValues: ['', 'NA'],
  booleanValues: { true: ['yes', 'true'], false: ['no', 'false'] },
  fittedRows: 3,
  modelInputs: [
    { name: 'plan', elementType: 'string', columns: ['plan'] },
    { name: 'numbers', elementType: 'double', columns: ['usage', 'trial'] },
    { name: 'seats', elementType: 'int64', columns: ['seats'] },
  ],
};

describe('raw columns and model feeds', () => {
  it('carries text as vocabulary indices and decodes it back, unknown as OOV and missing as empty', () => {
    const matrix = transformRows(SPEC, [
      { plan: 'pro', usage: '2.5', seats: '3', trial: 'yes' },
      { plan: 'enterprise', usage: 'NA', seats: 4, trial: false },
      { plan: null, usage: 7, seats: '0', trial: 'no' },
    ]);
    expect(Array.from(matrix.data.slice(0, 4))).toEqual([1, 2.5, 3, 1]);
    expect(matrix.data[4]).toBe(2);
    expect(Number.isNaN(matrix.data[5])).toBe(true);
    expect(Number.isNaN(matrix.data[8])).toBe(true);

    const feeds = buildModelFeeds(SPEC, matrix.data, matrix.rows, 'features');
    expect(Object.keys(feeds)).toEqual(['plan', 'numbers', 'seats']);
    expect(feeds['plan']).toEqual({ type: 'string', data: ['pro', OOV_BUCKET, ''], dims: [3, 1] });
    expect(feeds['numbers']?.type).toBe('float64');
    expect(feeds['numbers']?.dims).toEqual([3, 2]);
    expect(Array.from(feeds['numbers']?.data as Float64Array)).toEqual([
      2.5,
      1,
      Number.NaN,
      0,
      7,
      0,
    ]);
    expect(feeds['seats']).toEqual({
      type: 'int64',
      data: new BigInt64Array([3n, 4n, 0n]),
      dims: [3, 1],
    });
  });

  it('refuses what an integer input cannot take, naming the column, the input and the row', () => {
    const cases: [unknown, RegExp][] = [
      [null, /`seats` is null; the model's input `seats` is int64, which has no missing value/],
      ['2.5', /`seats` is "2.5"; the model's input `seats` is int64 and takes integers/],
      [FLOAT32_EXACT_INTEGER + 2, /beyond \+-16777216/],
    ];
    for (const [seats, message] of cases) {
      const row = { plan: 'pro', usage: 1, seats, trial: 'no' } as never;
      let caught: unknown;
      try {
        transformRows(SPEC, [{ plan: 'pro', usage: 1, seats: 1, trial: 'no' }, row]);
      } catch (error) {
        caught = error;
      }
      expect((caught as Error).message).toMatch(message);
      expect(caught).toMatchObject({ code: 'E_FEATURE_MODEL_INPUT', column: 'seats', row: 1 });
    }
  });

  it("gives the kit's own models the matrix itself as one float32 input", () => {
    const data = new Float32Array([1, 2, 3, 4]);
    const { modelInputs: _, ...kitSpec } = SPEC;
    expect(buildModelFeeds({ ...kitSpec, width: 2 }, data, 2, 'features')).toEqual({
      features: { type: 'float32', data, dims: [2, 2] },
    });
  });

  it('refuses a binding whose column the spec lacks, or text from a number column', () => {
    const missing = {
      ...SPEC,
      modelInputs: [{ name: 'x', elementType: 'float' as const, columns: ['nope'] }],
    };
    expect(() => buildModelFeeds(missing, new Float32Array(4), 1, 'features')).toThrow(
      /input `x` takes column `nope`/,
    );
    const wrong = {
      ...SPEC,
      modelInputs: [{ name: 'u', elementType: 'string' as const, columns: ['usage'] }],
    };
    expect(() => buildModelFeeds(wrong, new Float32Array(4), 1, 'features')).toThrow(
      /`usage` is not a raw-string column/,
    );
  });
});
