import { computeConfusionMatrix, computeThresholdMetrics } from './threshold-metrics.js';

describe('computeConfusionMatrix', () => {
  it('counts a probability equal to the threshold as positive', () => {
    expect(computeConfusionMatrix([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.5], 0.5)).toEqual({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 1,
      falseNegatives: 1,
    });
  });

  it('moves rows across the threshold', () => {
    expect(computeConfusionMatrix([1, 0], [0.3, 0.2], 0.25)).toEqual({
      truePositives: 1,
      falsePositives: 0,
      trueNegatives: 1,
      falseNegatives: 0,
    });
  });
});

describe('computeThresholdMetrics', () => {
  it.each([
    {
      name: 'a mixed matrix',
      matrix: { truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 1 },
      expected: { accuracy: 3 / 5, precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 },
    },
    {
      name: 'unequal precision and recall (F1 is their harmonic mean)',
      matrix: { truePositives: 1, falsePositives: 0, trueNegatives: 5, falseNegatives: 3 },
      expected: { accuracy: 6 / 9, precision: 1, recall: 1 / 4, f1: 0.4 },
    },
    {
      name: 'no positive predictions (zero division gives 0)',
      matrix: { truePositives: 0, falsePositives: 0, trueNegatives: 8, falseNegatives: 2 },
      expected: { accuracy: 0.8, precision: 0, recall: 0, f1: 0 },
    },
  ])('computes $name', ({ matrix, expected }) => {
    const actual = computeThresholdMetrics(matrix);
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(actual[key]).toBeCloseTo(expected[key], 12);
    }
  });
});
