import { computeRocAuc } from './compute-roc-auc.js';

// References: scikit-learn's roc_auc_score docs example, and pairs counted by hand.
describe('computeRocAuc', () => {
  it.each([
    {
      name: 'the scikit-learn example',
      labels: [0, 0, 1, 1],
      scores: [0.1, 0.4, 0.35, 0.8],
      expected: 0.75,
    },
    { name: 'a perfect ranking', labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.3, 0.4], expected: 1 },
    {
      name: 'an inverted ranking',
      labels: [1, 1, 0, 0],
      scores: [0.1, 0.2, 0.3, 0.4],
      expected: 0,
    },
    {
      name: 'all scores tied (ties count one half)',
      labels: [0, 1, 0, 1],
      scores: [0.5, 0.5, 0.5, 0.5],
      expected: 0.5,
    },
    {
      name: 'partial ties: 4 of 6 pairs',
      labels: [0, 1, 0, 1, 1],
      scores: [0.2, 0.2, 0.6, 0.6, 0.9],
      expected: 4 / 6,
    },
  ])('is $expected for $name', ({ labels, scores, expected }) => {
    expect(computeRocAuc(labels, scores)).toBeCloseTo(expected, 12);
  });

  it('is NaN when only one class is present', () => {
    expect(computeRocAuc([1, 1, 1], [0.1, 0.5, 0.9])).toBeNaN();
  });

  it('reads Float32Array scores', () => {
    expect(
      computeRocAuc(new Uint8Array([0, 0, 1, 1]), new Float32Array([0.1, 0.4, 0.35, 0.8])),
    ).toBeCloseTo(0.75, 12);
  });
});
