import type { FeatureSchema } from './fit-feature-spec.js';
import { fitFeatureSpec } from './fit-feature-spec.js';
import type { RawRow } from './parse-value.js';

const schema: FeatureSchema = {
  target: { column: 'label' },
  columns: [
    { name: 'id', type: 'string', role: 'id' },
    { name: 'amount', type: 'number', role: 'feature' },
    { name: 'count', type: 'integer', role: 'feature' },
    { name: 'colour', type: 'categorical', role: 'feature' },
    { name: 'flag', type: 'boolean', role: 'feature' },
    { name: 'note', type: 'string', role: 'feature' },
    { name: 'skip', type: 'number', role: 'ignore' },
    { name: 'label', type: 'boolean', role: 'target' },
  ],
};

const rows: RawRow[] = [
  {
    id: 'a',
    amount: '1',
    count: '5',
    colour: 'red',
    flag: 'yes',
    note: 'x',
    skip: '9',
    label: '1',
  },
  { id: 'b', amount: '2', count: '5', colour: 'red', flag: 'no', note: 'x', skip: '9', label: '0' },
  { id: 'c', amount: '', count: '5', colour: 'blue', flag: '', note: 'x', skip: '9', label: '0' },
  {
    id: 'd',
    amount: '6',
    count: '5',
    colour: 'red',
    flag: 'yes',
    note: 'x',
    skip: '9',
    label: '1',
  },
  {
    id: 'e',
    amount: '4',
    count: '5',
    colour: 'green',
    flag: 'yes',
    note: 'x',
    skip: '9',
    label: '0',
  },
];

describe('fitFeatureSpec', () => {
  const spec = fitFeatureSpec(rows, schema, { minCategoryCount: 1 });

  it('lists output features in schema order, leaving out id, ignore and target columns', () => {
    expect(spec.featureNames).toEqual([
      'amount',
      'amount__missing',
      'count',
      'colour=red',
      'colour=blue',
      'colour=green',
      'colour=<other>',
      'flag',
      'flag__missing',
    ]);
    expect(spec.width).toBe(9);
    expect(spec.fittedRows).toBe(5);
  });

  it('imputes numbers with the median and standardises with the observed mean and std', () => {
    expect(spec.columns[0]).toEqual({
      kind: 'numeric',
      column: 'amount',
      median: 3,
      mean: 3.25,
      std: Math.sqrt(((1 - 3.25) ** 2 + (2 - 3.25) ** 2 + (6 - 3.25) ** 2 + (4 - 3.25) ** 2) / 4),
      missingIndicator: true,
    });
  });

  it('gives a constant column std 1 and no missing indicator when nothing was missing', () => {
    expect(spec.columns[1]).toMatchObject({ mean: 5, std: 1, missingIndicator: false });
  });

  it('records why string columns are not encoded', () => {
    expect(spec.excluded).toEqual([
      { column: 'note', reason: expect.stringContaining('string columns are not encoded') },
    ]);
  });

  it.each([
    [{ minCategoryCount: 2 }, ['red']],
    [{ maxCategories: 2, minCategoryCount: 1 }, ['red', 'blue']],
    [{ minCategoryCount: 1 }, ['red', 'blue', 'green']],
  ])('ranks the vocabulary by frequency, then by value, under %j', (options, vocabulary) => {
    expect(fitFeatureSpec(rows, schema, options).columns[2]).toEqual({
      kind: 'categorical',
      column: 'colour',
      vocabulary,
    });
  });

  it('fills missing booleans with the most common value', () => {
    expect(spec.columns[3]).toEqual({
      kind: 'boolean',
      column: 'flag',
      fill: 1,
      missingIndicator: true,
    });
  });

  it('reports a non-numeric training value with its row', () => {
    const bad = [...rows.slice(0, 2), { ...rows[2], amount: 'lots' }];
    expect(() => fitFeatureSpec(bad, schema)).toThrow(
      expect.objectContaining({
        code: 'E_FEATURE_NOT_NUMERIC',
        column: 'amount',
        value: 'lots',
        row: 2,
      }),
    );
  });
});
