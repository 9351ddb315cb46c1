import type { Limits, Measured, Verdict } from '../lib/thresholds.js';
import { evaluateLimits } from '../lib/thresholds.js';
import type { LoadResult } from './run-stages.js';

export interface RunSummary {
  scenario: string;
  baseUrl: string;
  requests: number;
  ratePerSecond: number;
  measured: Measured;
  limits: Limits;
  verdicts: Verdict[];
  failedChecks: Record<string, number>;
  passed: boolean;
}

/** What a local run measured, against its limits. */
export function summarizeRun(
  scenario: string,
  baseUrl: string,
  result: LoadResult,
  limits: Limits,
): RunSummary {
  const failedCheckCount = [...result.failedChecks.values()].reduce((sum, n) => sum + n, 0);
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const measured: Measured = {
    // No request at all is a failed run, never a pass.
    errorRate: result.requests === 0 ? 1 : result.failed / result.requests,
    checkRate: result.checks === 0 ? 0 : 1 - failedCheckCount / result.checks,
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  };
  const verdicts = evaluateLimits(limits, measured);
  return {
    scenario,
    baseUrl,
    requests: result.requests,
    ratePerSecond: result.seconds > 0 ? result.requests / result.seconds : 0,
    measured,
    limits,
    verdicts,
    failedChecks: Object.fromEntries(result.failedChecks),
    passed: verdicts.every((verdict) => verdict.ok),
  };
}

/** The summary as a table for the terminal. */
export function formatSummary(summary: RunSummary): string {
  const rows = summary.verdicts.map((v) => [v.ok ? 'PASS' : 'FAIL', v.name, v.actual, v.limit]);
  const table = [['', 'threshold', 'measured', 'limit'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const lines = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  const failedChecks = Object.entries(summary.failedChecks).map(
    ([name, count]) => `  failed check: ${name} (${count}x)`,
  );
  return [
    `${summary.scenario} against ${summary.baseUrl}: ${summary.requests} requests, ${summary.ratePerSecond.toFixed(1)}/s`,
    ...lines,
    ...failedChecks,
    summary.passed ? 'all thresholds passed' : 'THRESHOLDS FAILED',
  ].join('\n');
}

// --- internal ---

// Nearest-rank percentile of sorted values; Infinity when there are none (fails every limit).
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.POSITIVE_INFINITY;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
