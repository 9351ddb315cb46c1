import { scoreOutputs } from '../evaluate/score-outputs.js';
import { checkPredictions } from './_check-predictions.js';
import type { AcceptanceCheck, AcceptanceEvidence, AcceptanceLimits, Mismatch } from './acceptance-evidence.js';

export type { AcceptanceCheck, AcceptanceEvidence, AcceptanceLimits, Mismatch } from './acceptance-evidence.js';

/** Runs the four checks: same answers, same metrics, same model, fast enough. */
export function checkAcceptance(
  evidence: AcceptanceEvidence,
  limits: AcceptanceLimits,
): AcceptanceCheck[] {
  return [
    checkPredictions(evidence, limits),
    checkMetrics(evidence, limits),
    checkModel(evidence),
    checkLatency(evidence, limits),
  ];
}

/** The p-th percentile (0..100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// --- internal ---

function checkMetrics(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
  if (!e.metrics) {
    return {
      name: 'metrics',
      status: 'skipped',
      detail: 'a sample of the holdout was replayed; metrics.json describes all of it',
      mismatches: [],
    };
  }
  let live: Record<string, number>;
  try {
    live = scoreOutputs(e.task, e.labels, e.live, { classes: e.classes, threshold: e.threshold });
  } catch (error) {
    // Answers that cannot be scored (not probabilities, not numbers): a failed check, not a crash.
    const reason = (error as Error).message;
    return {
      name: 'metrics',
      status: 'fail',
      detail: `the live answers cannot be scored (${reason})`,
      mismatches: [{ row: 'answers', expected: e.task === 'regression' ? 'finite values' : 'probabilities in [0, 1]', got: reason }],
    };
  }
  const mismatches: Mismatch[] = [];
  const compared: string[] = [];
  for (const [name, value] of Object.entries(live)) {
    const recorded = e.metrics[name];
    if (recorded === undefined) continue;
    compared.push(name);
    const same =
      recorded === null
        ? !Number.isFinite(value)
        : typeof recorded === 'number' &&
          Math.abs(value - recorded) <= limits.metricTolerance * Math.max(1, Math.abs(recorded));
    if (!same) mismatches.push({ row: name, expected: String(recorded), got: String(value) });
  }
  return {
    name: 'metrics',
    status: mismatches.length === 0 && compared.length > 0 ? 'pass' : 'fail',
    detail:
      compared.length === 0
        ? 'metrics.json holds none of the recomputed metrics'
        : `${compared.length - mismatches.length}/${compared.length} metrics recomputed from the live answers match metrics.json (tolerance ${limits.metricTolerance})`,
    mismatches,
  };
}

function checkModel(e: AcceptanceEvidence): AcceptanceCheck {
  const mismatches: Mismatch[] = [];
  const expected = [e.expected.model, e.expected.version];
  for (const [field, served, want] of [
    ['model', e.served.models, expected[0]],
    ['version', e.served.versions, expected[1]],
  ] as const) {
    if (served.size !== 1 || !served.has(want)) {
      mismatches.push({ row: field, expected: want, got: [...served].join(', ') || 'nothing' });
    }
  }
  return {
    name: 'model',
    status: mismatches.length === 0 ? 'pass' : 'fail',
    detail: `served ${[...e.served.models].join(', ')} version ${[...e.served.versions].join(', ')}; the bundle is ${e.expected.model} version ${e.expected.version}`,
    mismatches,
  };
}

function checkLatency(e: AcceptanceEvidence, limits: AcceptanceLimits): AcceptanceCheck {
  const p50 = percentile(e.latenciesMs, 50);
  const p95 = percentile(e.latenciesMs, 95);
  const p99 = percentile(e.latenciesMs, 99);
  const mismatches: Mismatch[] = [];
  if (!(p95 <= limits.maxP95Ms)) {
    mismatches.push({
      row: 'p95',
      expected: `<= ${limits.maxP95Ms} ms`,
      got: `${p95.toFixed(1)} ms`,
    });
  }
  if (!(p99 <= limits.maxP99Ms)) {
    mismatches.push({
      row: 'p99',
      expected: `<= ${limits.maxP99Ms} ms`,
      got: `${p99.toFixed(1)} ms`,
    });
  }
  return {
    name: 'latency',
    status: mismatches.length === 0 ? 'pass' : 'fail',
    detail: `${e.latenciesMs.length} requests: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (limits p95 ${limits.maxP95Ms} ms, p99 ${limits.maxP99Ms} ms)`,
    mismatches,
  };
}
