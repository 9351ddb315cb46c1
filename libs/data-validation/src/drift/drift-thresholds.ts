import type { DriftParams } from '@modelship/params';
/** When a feature's drift is worth a warning or an alert. */
export interface DriftThresholds {
  /** Population stability index at or above which a feature is `warn`. @default 0.1 */
  psiWarn: number;
  /** PSI at or above which a feature is `alert`. @default 0.25 */
  psiAlert: number;
  /** Kolmogorov-Smirnov distance at or above which a numeric feature is `alert`. @default 0.1 */
  ksAlert: number;
  /** Chi-squared p-value below which a categorical shift is significant. @default 0.01 */
  chi2PValue: number;
  /** Fewer current values than this give an inconclusive `ok`. @default 100 */
  minSamples: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = {
  psiWarn: 0.1,
  psiAlert: 0.25,
  ksAlert: 0.1,
  chi2PValue: 0.01,
  minSamples: 100,
};

/** The `drift:` section of params.yaml, as its schema defines it. */
export type { DriftParams };

/** Reads thresholds from params.yaml's `drift:` section, defaulting what it leaves out. */
export function getDriftThresholds(params: DriftParams = {}): DriftThresholds {
  const d = DEFAULT_DRIFT_THRESHOLDS;
  return {
    psiWarn: params.psi_warn ?? d.psiWarn,
    psiAlert: params.psi_alert ?? d.psiAlert,
    ksAlert: params.ks_alert ?? d.ksAlert,
    chi2PValue: params.chi2_p_value ?? d.chi2PValue,
    minSamples: params.min_samples ?? d.minSamples,
  };
}
