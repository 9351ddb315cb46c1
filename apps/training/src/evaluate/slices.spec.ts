import { computeSliceMetrics, selectSliceColumns } from './slices.js';

describe('selectSliceColumns', () => {
  it('picks categorical and boolean features only, in schema order', () => {
    const columns = [
      { name: 'id', type: 'string', role: 'id' },
      { name: 'plan', type: 'categorical', role: 'feature' },
      { name: 'tenure', type: 'number', role: 'feature' },
      { name: 'paperless', type: 'boolean', role: 'feature' },
      { name: 'label', type: 'categorical', role: 'target' },
      { name: 'region', type: 'categorical', role: 'ignore' },
    ];
    expect(selectSliceColumns({ columns })).toEqual(['plan', 'paperless']);
  });
});

describe('computeSliceMetrics', () => {
  const rows = [
    { plan: 'basic' },
    { plan: 'basic' },
    { plan: 'basic' },
    { plan: 'pro' },
    { plan: 'pro' },
    { plan: 'NA' },
  ];
  const labels = [0, 1, 1, 1, 1, 0];
  const probabilities = [0.2, 0.7, 0.4, 0.9, 0.6, 0.3];

  it('reports count, positive rate, AUC and accuracy per value, largest first', () => {
    expect(computeSliceMetrics(rows, labels, probabilities, ['plan'], 0.5)).toEqual({
      plan: [
        { value: 'basic', count: 3, positiveRate: 2 / 3, rocAuc: 1, accuracy: 2 / 3 },
        { value: 'pro', count: 2, positiveRate: 1, rocAuc: null, accuracy: 1 },
        { value: '(missing)', count: 1, positiveRate: 0, rocAuc: null, accuracy: 1 },
      ],
    });
  });

  it('reads booleans and numbers as text', () => {
    const result = computeSliceMetrics(
      [{ b: true }, { b: false }, { b: true }],
      [1, 0, 0],
      [0.9, 0.1, 0.2],
      ['b'],
      0.5,
    );
    expect(result['b'].map((s) => [s.value, s.count])).toEqual([
      ['true', 2],
      ['false', 1],
    ]);
  });
});
