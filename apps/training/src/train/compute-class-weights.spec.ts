import { computeBalancedWeights } from './compute-class-weights.js';

describe('computeBalancedWeights', () => {
  it('gives rows / (classes * count) per class, as scikit-learn "balanced" does', () => {
    // 6 rows: class 0 x3, class 1 x2, class 2 x1.
    expect(computeBalancedWeights([0, 0, 0, 1, 1, 2], 3)).toEqual({ 0: 6 / 9, 1: 1, 2: 2 });
  });

  it('weighs binary labels as before multiclass existed', () => {
    const labels = Uint8Array.of(0, 0, 0, 1);
    expect(computeBalancedWeights(labels, 2)).toEqual({ 0: 4 / (2 * 3), 1: 4 / (2 * 1) });
  });

  it('keeps a class absent from the labels finite, counting it as one row', () => {
    expect(computeBalancedWeights([0, 0, 1, 1], 3)).toEqual({ 0: 4 / 6, 1: 4 / 6, 2: 4 / 3 });
  });
});
