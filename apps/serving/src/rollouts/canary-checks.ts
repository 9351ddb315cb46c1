import type { CheckResult } from './rollout-types.js';

/** Outcomes of one variant's prediction requests over a check interval. */
export class SampleWindow {
  private latencies: number[] = [];
  private errors = 0;

  get size(): number {
    return this.latencies.length;
  }

  get errorRate(): number {
    return this.size === 0 ? 0 : this.errors / this.size;
  }

  add(seconds: number, failed: boolean): void {
    this.latencies.push(seconds);
    if (failed) this.errors++;
  }

  /** The 99th percentile latency in seconds (nearest rank). */
  p99(): number {
    if (this.size === 0) return 0;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.ceil(sorted.length * 0.99) - 1];
  }
}

export interface CanaryThresholds {
  minSamples: number;
  /** Largest tolerated candidate error rate minus stable error rate (0.01: one point). */
  maxErrorRateIncrease: number;
  /** Largest tolerated candidate p99 / stable p99. */
  maxP99Ratio: number;
  /** A p99 this close to stable's passes whatever the ratio (sub-millisecond noise). */
  p99ToleranceMs: number;
}

export interface CheckOutcome {
  check: 'error_rate' | 'p99_latency' | 'live_accuracy' | 'live_error';
  result: CheckResult;
  detail: string;
}

/**
 * Compares the candidate's window with the stable one: error rate and p99 latency. Fewer than
 * `minSamples` requests on either side makes both checks inconclusive, never failed.
 */
export function compareWindows(
  stable: SampleWindow,
  candidate: SampleWindow,
  limits: CanaryThresholds,
): CheckOutcome[] {
  if (stable.size < limits.minSamples || candidate.size < limits.minSamples) {
    const detail = `too few samples: candidate ${candidate.size}, stable ${stable.size}, need ${limits.minSamples} each`;
    return [
      { check: 'error_rate', result: 'inconclusive', detail },
      { check: 'p99_latency', result: 'inconclusive', detail },
    ];
  }
  const increase = candidate.errorRate - stable.errorRate;
  const stableP99 = stable.p99() * 1000;
  const candidateP99 = candidate.p99() * 1000;
  const p99Passed =
    candidateP99 <= stableP99 * limits.maxP99Ratio ||
    candidateP99 - stableP99 <= limits.p99ToleranceMs;
  return [
    {
      check: 'error_rate',
      result: increase <= limits.maxErrorRateIncrease ? 'passed' : 'failed',
      detail: `candidate ${formatShare(candidate.errorRate)} vs stable ${formatShare(stable.errorRate)} over ${candidate.size}/${stable.size} requests (max increase ${formatShare(limits.maxErrorRateIncrease)})`,
    },
    {
      check: 'p99_latency',
      result: p99Passed ? 'passed' : 'failed',
      detail: `candidate p99 ${candidateP99.toFixed(2)} ms vs stable ${stableP99.toFixed(2)} ms (max ratio ${limits.maxP99Ratio}, tolerance ${limits.p99ToleranceMs} ms)`,
    },
  ];
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}
