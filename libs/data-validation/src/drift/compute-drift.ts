import type { CurrentCategorical, CurrentNumeric, CurrentStats } from './drift-accumulator.js';
import { DriftAccumulator } from './drift-accumulator.js';
import type { DriftThresholds } from './drift-thresholds.js';
import { DEFAULT_DRIFT_THRESHOLDS } from './drift-thresholds.js';
import type { CategoricalReference, NumericReference, ReferenceStats } from './reference-stats.js';
import { testChiSquared } from './statistics/chi-squared.js';
import { computeKs } from './statistics/ks.js';
import { computePsi } from './statistics/psi.js';

export type DriftStatus = 'ok' | 'warn' | 'alert';

export interface FeatureDrift {
  name: string;
  kind: 'numeric' | 'categorical';
  status: DriftStatus;
  /** Too few current values to judge: status stays ok. */
  inconclusive: boolean;
  count: number;
  missingShare: { reference: number; current: number };
  psi: number;
  /** Numeric features: approximate two-sample Kolmogorov-Smirnov distance. */
  ks?: number;
  /** Numeric features: mean of reference and current values. */
  mean?: { reference: number; current: number };
  /** Categorical features: Pearson's chi-squared goodness of fit against reference shares. */
  chi2?: { statistic: number; df: number; pValue: number };
}

export interface DriftReport {
  status: DriftStatus;
  rows: number;
  thresholds: DriftThresholds;
  features: FeatureDrift[];
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

// Missing values join the bins as one more bucket, so a feature that goes blank is drift too.
function withMissing(shares: readonly number[], missing: number, total: number): number[] {
  const missingShare = share(missing, total);
  return [...shares.map((value) => value * (1 - missingShare)), missingShare];
}

function compareNumeric(
  reference: NumericReference,
  current: CurrentNumeric,
): Omit<FeatureDrift, 'status' | 'inconclusive'> {
  const refTotal = reference.count + reference.missing;
  const curTotal = current.count + current.missing;
  const curShares = current.bins.map((count) => share(count, current.count));
  const psi = computePsi(
    withMissing(reference.proportions, reference.missing, refTotal),
    withMissing(curShares, current.missing, curTotal),
  );
  let cumulative = 0;
  const curCdf = reference.quantiles.map((_, index) =>
    share((cumulative += current.grid[index]), current.count),
  );
  return {
    name: reference.name,
    kind: 'numeric',
    count: current.count,
    missingShare: {
      reference: share(reference.missing, refTotal),
      current: share(current.missing, curTotal),
    },
    psi,
    ks: computeKs(reference.cdf, curCdf),
    mean: { reference: reference.mean, current: share(current.sum, current.count) },
  };
}

function compareCategorical(
  reference: CategoricalReference,
  current: CurrentCategorical,
): Omit<FeatureDrift, 'status' | 'inconclusive'> {
  const refShares = [...reference.proportions, reference.other];
  const observed = [...current.counts, current.other];
  const keep = refShares.map((value, index) => value > 0 || observed[index] > 0);
  const chi2 = testChiSquared(
    observed.filter((_, index) => keep[index]),
    refShares.filter((_, index) => keep[index]),
  );
  const refTotal = reference.count + reference.missing;
  const curTotal = current.count + current.missing;
  const curShares = observed.map((count) => share(count, current.count));
  return {
    name: reference.name,
    kind: 'categorical',
    count: current.count,
    missingShare: {
      reference: share(reference.missing, refTotal),
      current: share(current.missing, curTotal),
    },
    psi: computePsi(
      withMissing(refShares, reference.missing, refTotal),
      withMissing(curShares, current.missing, curTotal),
    ),
    chi2,
  };
}

/**
 * Status rules: PSI at or above psiAlert, or (numeric) KS at or above ksAlert, is an alert;
 * PSI at or above psiWarn is a warning. A significant chi-squared test alone only warns (on big
 * windows tiny harmless shifts are significant); with PSI past psiWarn too it alerts.
 */
function judge(
  drift: Omit<FeatureDrift, 'status' | 'inconclusive'>,
  t: DriftThresholds,
): FeatureDrift {
  if (drift.count < t.minSamples) return { ...drift, status: 'ok', inconclusive: true };
  const significant = drift.chi2 !== undefined && drift.chi2.pValue < t.chi2PValue;
  const alert =
    drift.psi >= t.psiAlert ||
    (drift.ks ?? 0) >= t.ksAlert ||
    (significant && drift.psi >= t.psiWarn);
  const warn = drift.psi >= t.psiWarn || significant;
  return { ...drift, status: alert ? 'alert' : warn ? 'warn' : 'ok', inconclusive: false };
}

/** Per-feature drift of current data (counted on the reference's bins) against the reference. */
export function computeDrift(
  reference: ReferenceStats,
  current: CurrentStats | DriftAccumulator,
  thresholds: Partial<DriftThresholds> = {},
): DriftReport {
  const t = { ...DEFAULT_DRIFT_THRESHOLDS, ...thresholds };
  const stats = current instanceof DriftAccumulator ? current.snapshot() : current;
  const features = reference.features.map((feature, index) => {
    const counts = stats.features[index];
    const drift =
      feature.kind === 'numeric' && counts.kind === 'numeric'
        ? compareNumeric(feature, counts)
        : compareCategorical(feature as CategoricalReference, counts as CurrentCategorical);
    return judge(drift, t);
  });
  const status = features.some((f) => f.status === 'alert')
    ? 'alert'
    : features.some((f) => f.status === 'warn')
      ? 'warn'
      : 'ok';
  return { status, rows: stats.rows, thresholds: t, features };
}
