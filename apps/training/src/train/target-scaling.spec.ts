import { fitTargetScaling, restoreTargetUnits, standardizeTarget } from './target-scaling.js';

describe('fitTargetScaling', () => {
  it('takes the mean and the population standard deviation', () => {
    // mean 250,000; deviations -2,000, 0, 2,000: population variance 8,000,000 / 3.
    expect(fitTargetScaling([248_000, 250_000, 252_000])).toEqual({
      mean: 250_000,
      std: Math.sqrt(8_000_000 / 3),
    });
  });

  it('standardises and restores the target units', () => {
    const scaling = { mean: 250_000, std: 2_000 };
    const standard = standardizeTarget(Float64Array.of(246_000, 251_000), scaling);
    expect(Array.from(standard)).toEqual([-2, 0.5]);
    expect(Array.from(restoreTargetUnits(standard, scaling))).toEqual([246_000, 251_000]);
  });

  it.each([
    [[], 'Cannot standardise an empty regression target.'],
    [[1, Number.NaN], 'The regression target is not a finite number on training row 1: NaN.'],
    [
      [7, 7, 7],
      'The regression target takes one value (7) on every training row; there is nothing to learn.',
    ],
  ])('refuses %j', (values, message) => {
    expect(() => fitTargetScaling(values)).toThrow(message);
  });
});
