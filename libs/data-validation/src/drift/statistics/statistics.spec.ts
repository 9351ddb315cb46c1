import { describe, expect, it } from '@jest/globals';
import { chiSquaredSurvival, testChiSquared } from './chi-squared.js';
import { logGamma, regularizedGammaQ } from './gamma.js';
import { computeKs } from './ks.js';
import { computePsi } from './psi.js';

describe('computePsi', () => {
  it('is zero for identical distributions', () => {
    expect(computePsi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
  });

  it('matches a value worked by hand', () => {
    // (0.3-0.5)ln(0.3/0.5) + (0.7-0.5)ln(0.7/0.5) = 0.102165 + 0.067294 = 0.169459
    expect(computePsi([0.5, 0.5], [0.3, 0.7])).toBeCloseTo(0.169459, 5);
  });

  it('floors empty bins at 1e-4 instead of dividing by zero', () => {
    // (1e-4 - 0.5)ln(1e-4/0.5) + (1 - 0.5)ln(1/0.5) = 4.257745 + 0.346574
    expect(computePsi([0.5, 0.5], [0, 1])).toBeCloseTo(4.604319, 5);
  });
});

describe('computeKs', () => {
  it('is the largest gap between the two distribution functions', () => {
    expect(computeKs([0.1, 0.5, 0.9, 1], [0.05, 0.2, 0.8, 1])).toBeCloseTo(0.3, 12);
  });
});

describe('chi-squared', () => {
  it.each([
    // Critical values from the standard chi-squared table.
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [5.991, 2, 0.05],
    [11.07, 5, 0.05],
    [18.307, 10, 0.05],
    [23.209, 10, 0.01],
    [43.773, 30, 0.05],
  ])('P(X >= %f) with %i degrees of freedom is %f', (x, df, p) => {
    expect(chiSquaredSurvival(x, df)).toBeCloseTo(p, 4);
  });

  it('agrees with closed forms: Q(1, x) = e^-x and df 2 survival e^(-x/2)', () => {
    expect(regularizedGammaQ(1, 2.5)).toBeCloseTo(Math.exp(-2.5), 12);
    expect(chiSquaredSurvival(7, 2)).toBeCloseTo(Math.exp(-3.5), 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('tests counts against shares as worked by hand', () => {
    // expected 50/30/20; (60-50)²/50 + (25-30)²/30 + (15-20)²/20 = 2 + 0.8333 + 1.25
    const result = testChiSquared([60, 25, 15], [0.5, 0.3, 0.2]);
    expect(result.statistic).toBeCloseTo(4.083333, 5);
    expect(result.df).toBe(2);
    expect(result.pValue).toBeCloseTo(Math.exp(-4.083333 / 2), 5);
  });
});
