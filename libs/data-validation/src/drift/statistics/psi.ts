/** Shares below this count as this, so an empty bin gives a large but finite PSI. */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index: sum over bins of (actual - expected) * ln(actual / expected),
 * both given as shares summing to 1. Under 0.1 is usually read as stable, over 0.25 as shifted.
 */
export function computePsi(expected: readonly number[], actual: readonly number[]): number {
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i], PSI_EPSILON);
    const a = Math.max(actual[i] ?? 0, PSI_EPSILON);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}
