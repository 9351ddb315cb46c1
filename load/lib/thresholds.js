// Pass/fail limits from load/thresholds.json, with environment overrides, turned into k6
// thresholds or checked against what the local runner measured. No k6 or Node imports.

/**
 * @typedef {{ errorRate: number, checkRate: number, p95Ms: number, p99Ms: number }} Limits
 * @typedef {{ errorRate?: number, checkRate?: number, scenarios: Record<string, { p95Ms: number, p99Ms: number }> }} ThresholdsFile
 * @typedef {{ errorRate: number, checkRate: number, p95Ms: number, p99Ms: number }} Measured
 * @typedef {{ name: string, limit: string, actual: string, ok: boolean }} Verdict
 */

/** Environment variables that override a limit, by limit. */
const OVERRIDES = /** @type {const} */ ({
  errorRate: 'ERROR_RATE',
  checkRate: 'CHECK_RATE',
  p95Ms: 'P95_MS',
  p99Ms: 'P99_MS',
});

/**
 * The limits of one scenario: thresholds.json, overridden by ERROR_RATE, CHECK_RATE, P95_MS, P99_MS.
 * @param {ThresholdsFile} file
 * @param {string} scenario
 * @param {Record<string, string | undefined>} env
 * @returns {Limits}
 */
export function resolveLimits(file, scenario, env) {
  const latency = file.scenarios[scenario];
  if (!latency) throw new Error(`load/thresholds.json has no scenario \`${scenario}\`.`);
  /** @type {Limits} */
  const limits = {
    errorRate: file.errorRate ?? 0.01,
    checkRate: file.checkRate ?? 0.99,
    p95Ms: latency.p95Ms,
    p99Ms: latency.p99Ms,
  };
  for (const key of /** @type {(keyof Limits)[]} */ (Object.keys(OVERRIDES))) {
    const text = env[OVERRIDES[key]];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`${OVERRIDES[key]} must be a non-negative number, got \`${text}\`.`);
    }
    limits[key] = value;
  }
  return limits;
}

/**
 * k6 thresholds for the inference requests (tagged `kind:inference`, so setup's requests don't
 * count): error rate, p95 and p99 latency, and the share of passed body checks.
 * @param {Limits} limits
 * @returns {Record<string, string[]>}
 */
export function buildK6Thresholds(limits) {
  return {
    'http_req_failed{kind:inference}': [`rate<${limits.errorRate}`],
    'http_req_duration{kind:inference}': [`p(95)<${limits.p95Ms}`, `p(99)<${limits.p99Ms}`],
    'checks{kind:inference}': [`rate>=${limits.checkRate}`],
  };
}

/**
 * Each limit against what was measured (latencies in ms, rates 0..1).
 * @param {Limits} limits
 * @param {Measured} measured
 * @returns {Verdict[]}
 */
export function evaluateLimits(limits, measured) {
  const percent = (/** @type {number} */ rate) => `${(rate * 100).toFixed(2)}%`;
  const ms = (/** @type {number} */ value) => `${Number(value.toPrecision(3))} ms`;
  return [
    {
      name: 'error rate',
      limit: `< ${percent(limits.errorRate)}`,
      actual: percent(measured.errorRate),
      ok: measured.errorRate < limits.errorRate,
    },
    {
      name: 'checks passed',
      limit: `>= ${percent(limits.checkRate)}`,
      actual: percent(measured.checkRate),
      ok: measured.checkRate >= limits.checkRate,
    },
    {
      name: 'p95 latency',
      limit: `< ${ms(limits.p95Ms)}`,
      actual: ms(measured.p95Ms),
      ok: measured.p95Ms < limits.p95Ms,
    },
    {
      name: 'p99 latency',
      limit: `< ${ms(limits.p99Ms)}`,
      actual: ms(measured.p99Ms),
      ok: measured.p99Ms < limits.p99Ms,
    },
  ];
}
