import { computeBrierScore, computeLogLoss } from './probability-metrics.js';

describe('computeLogLoss', () => {
  it.each([
    {
      name: 'two rows',
      labels: [1, 0],
      probabilities: [0.8, 0.3],
      expected: -(Math.log(0.8) + Math.log(0.7)) / 2,
    },
    { name: 'a coin flip', labels: [1, 0, 1], probabilities: [0.5, 0.5, 0.5], expected: Math.LN2 },
    {
      name: 'a confident mistake, clipped at 1e-15',
      labels: [1],
      probabilities: [0],
      expected: -Math.log(1e-15),
    },
    {
      name: 'a confident mistake on a negative',
      labels: [0],
      probabilities: [1],
      expected: -Math.log(1e-15),
    },
  ])('is $expected for $name', ({ labels, probabilities, expected }) => {
    expect(computeLogLoss(labels, probabilities)).toBeCloseTo(expected, 6);
  });
});

describe('computeBrierScore', () => {
  it.each([
    { labels: [1, 0], probabilities: [0.8, 0.3], expected: (0.04 + 0.09) / 2 },
    { labels: [1, 0], probabilities: [1, 0], expected: 0 },
    { labels: [1, 0], probabilities: [0, 1], expected: 1 },
  ])('is $expected for $probabilities against $labels', ({ labels, probabilities, expected }) => {
    expect(computeBrierScore(labels, probabilities)).toBeCloseTo(expected, 12);
  });
});
