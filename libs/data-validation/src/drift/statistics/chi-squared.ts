import { regularizedGammaQ } from './gamma.js';

/** P(X >= x) for X chi-squared with `df` degrees of freedom: the test's p-value. */
export function chiSquaredSurvival(x: number, df: number): number {
  if (df <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}

export interface ChiSquaredResult {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson's goodness-of-fit test of observed counts against expected shares:
 * sum of (observed - expected)² / expected with expected = share * total, df = buckets - 1.
 * Shares below `minShare` are raised to it, so a new category cannot divide by zero.
 */
export function testChiSquared(
  observed: readonly number[],
  shares: readonly number[],
  minShare = 1e-4,
): ChiSquaredResult {
  const total = observed.reduce((sum, count) => sum + count, 0);
  if (total === 0 || observed.length < 2) return { statistic: 0, df: 0, pValue: 1 };
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = Math.max(shares[i], minShare) * total;
    statistic += (observed[i] - expected) ** 2 / expected;
  }
  const df = observed.length - 1;
  return { statistic, df, pValue: chiSquaredSurvival(statistic, df) };
}
