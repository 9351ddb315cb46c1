import { computeAveragePrecision } from './rank-metrics.js';

// References: scikit-learn's average_precision_score docs example, and pairs counted by hand.
describe('computeAveragePrecision', () => {
  it.each([
    {
      name: 'the scikit-learn example',
      labels: [0, 0, 1, 1],
      scores: [0.1, 0.4, 0.35, 0.8],
      expected: 5 / 6,
    },
    { name: 'a perfect ranking', labels: [0, 1, 0, 1], scores: [0.1, 0.9, 0.2, 0.8], expected: 1 },
    {
      name: 'all scores tied (the positive rate)',
      labels: [0, 1, 0, 1],
      scores: [0.5, 0.5, 0.5, 0.5],
      expected: 0.5,
    },
    {
      name: 'partial ties: 1/3*1 + 1/3*2/3 + 1/3*3/5',
      labels: [0, 1, 0, 1, 1],
      scores: [0.2, 0.2, 0.6, 0.6, 0.9],
      expected: 1 / 3 + 2 / 9 + 1 / 5,
    },
  ])('is $expected for $name', ({ labels, scores, expected }) => {
    expect(computeAveragePrecision(labels, scores)).toBeCloseTo(expected, 12);
  });

  it('is NaN without positives', () => {
    expect(computeAveragePrecision([0, 0], [0.3, 0.7])).toBeNaN();
  });
});
