/**
 * Kolmogorov-Smirnov distance between two distribution functions known at the same points:
 * the largest gap |F(x) - G(x)|. Taken at reference quantiles, it approximates the exact
 * two-sample statistic from below, within about one quantile step.
 */
export function computeKs(referenceCdf: readonly number[], currentCdf: readonly number[]): number {
  let max = 0;
  for (let i = 0; i < referenceCdf.length; i++) {
    const gap = Math.abs(referenceCdf[i] - (currentCdf[i] ?? 0));
    if (gap > max) max = gap;
  }
  return max;
}
