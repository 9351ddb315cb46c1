import { testWelchAbove } from './welch-t-test.js';

describe('testWelchAbove', () => {
  it("gives scipy's Welch statistic and degrees of freedom", () => {
    // scipy.stats.ttest_ind([12, 15, 11, 18, 14], [10, 9, 11, 12, 8, 10], equal_var=False):
    // t = 2.9542, df = 5.7482 (mean 14 vs 10, variances 7.5 and 2).
    const test = testWelchAbove(
      { mean: 14, variance: 7.5, size: 5 },
      { mean: 10, variance: 2, size: 6 },
    );
    expect(test.t).toBeCloseTo(2.9542, 3);
    expect(test.df).toBeCloseTo(5.7482, 3);
    // Student's t 0.95 quantile at 5.7482 df is 1.9585 (scipy.stats.t.ppf).
    expect(test.critical).toBeCloseTo(1.9585, 2);
  });

  it('tests against a scaled mean: 14 is not significantly above 1.3 x 10', () => {
    const test = testWelchAbove(
      { mean: 14, variance: 7.5, size: 5 },
      { mean: 10, variance: 2, size: 6 },
      1.3,
    );
    expect(test.t).toBeLessThan(test.critical);
    expect(test.t).toBeCloseTo(1 / Math.sqrt(7.5 / 5 + (1.69 * 2) / 6), 9);
  });

  it('is certain without spread: any excess is infinite t, none is 0', () => {
    const constant = (mean: number) => ({ mean, variance: 0, size: 10 });
    expect(testWelchAbove(constant(5), constant(4)).t).toBe(Infinity);
    expect(testWelchAbove(constant(4), constant(4)).t).toBe(0);
  });
});
