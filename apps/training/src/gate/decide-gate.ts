import type { GateDecision } from '@modelship/model-bundle';
import { LOWER_IS_BETTER, type GateParams, type ThresholdRule } from './gate-params.js';
import type { ProductionModelMetrics } from './production-metrics.js';

export interface GateCheck {
  /** What was checked, e.g. "min_roc_auc" or "better than production". */
  check: string;
  metric: string;
  /** The comparison that had to hold: actual `comparator` required. */
  comparator: '>=' | '<=' | '>' | '<';
  required: number | null;
  actual: number | null;
  passed: boolean;
}

/** The gate's decision with every check behind it: what gate.json holds. */
export interface GateReport extends GateDecision {
  checks: GateCheck[];
  /** Both models' metrics side by side, when there is a production model to compare with. */
  championChallenger?: ChampionChallenger;
}

/** The evidence of the comparison with production: the card and gate.json show it. */
export interface ChampionChallenger {
  champion: { name: string; version: number | string; evaluatedOn: string };
  /** The decisive metric and the margin the challenger had to beat the champion by. */
  metric: string;
  margin: number;
  winner: 'challenger' | 'champion';
  metrics: { metric: string; champion: number; challenger: number; delta: number }[];
}

/** The line shown when there is nothing to compare with. */
/** The name of the check against the production model, in `GateCheck.check`. */
export const PRODUCTION_CHECK = 'better than production';

export const NO_PRODUCTION_REASON = 'no production model: threshold checks only';

// Differences this small are float noise, so "better by exactly the margin" stays "not better".
const TOLERANCE = 1e-12;

/**
 * Decides whether a candidate may ship: every threshold must hold, and with a production model
 * the candidate must beat it on `params.metric` by more than `params.margin` (equal is not better).
 * A metric missing from `metrics` fails its check.
 */
export function decideGate(
  metrics: Readonly<Record<string, unknown>>,
  params: GateParams,
  production?: ProductionModelMetrics | null,
): GateReport {
  const checks = params.thresholds.map((rule) =>
    checkThreshold(rule, readMetric(metrics, rule.metric)),
  );
  const reasons = checks.map(describeCheck);
  let comparedTo: GateDecision['comparedTo'] = null;
  if (production) {
    const productionValue = readMetric(production.metrics, params.metric);
    const check = checkAgainstProduction(
      params,
      readMetric(metrics, params.metric),
      productionValue,
    );
    checks.push(check);
    reasons.push(describeProductionCheck(check, production, productionValue, params.margin));
    comparedTo =
      productionValue === null
        ? null
        : {
            name: production.name,
            version: production.version,
            metric: params.metric,
            value: productionValue,
          };
  } else {
    reasons.push(NO_PRODUCTION_REASON);
  }
  const passed = checks.every((c) => c.passed);
  return {
    passed,
    reasons,
    comparedTo,
    checks,
    ...(production
      ? { championChallenger: compareChampion(metrics, params, production, checks.at(-1)) }
      : {}),
  };
}

// --- internal ---

const SIDE_BY_SIDE = [
  'roc_auc',
  'pr_auc',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'log_loss',
  'brier',
  'ece',
  'macro_f1',
  'weighted_f1',
  'rmse',
  'mae',
  'r2',
  'mape',
];

function compareChampion(
  metrics: Readonly<Record<string, unknown>>,
  params: GateParams,
  production: ProductionModelMetrics,
  productionCheck: GateCheck | undefined,
): ChampionChallenger {
  const names = [params.metric, ...SIDE_BY_SIDE.filter((name) => name !== params.metric)];
  return {
    champion: {
      name: production.name,
      version: production.version,
      evaluatedOn: production.evaluatedOn ?? 'its registered metrics',
    },
    metric: params.metric,
    margin: params.margin,
    winner: productionCheck?.passed ? 'challenger' : 'champion',
    metrics: names.flatMap((metric) => {
      const champion = readMetric(production.metrics, metric);
      const challenger = readMetric(metrics, metric);
      if (champion === null || challenger === null) return [];
      return [{ metric, champion, challenger, delta: challenger - champion }];
    }),
  };
}

function readMetric(metrics: Readonly<Record<string, unknown>>, name: string): number | null {
  const value = metrics[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function checkThreshold(rule: ThresholdRule, actual: number | null): GateCheck {
  const comparator = rule.bound === 'min' ? '>=' : '<=';
  const passed =
    actual !== null && (rule.bound === 'min' ? actual >= rule.value : actual <= rule.value);
  return { check: rule.key, metric: rule.metric, comparator, required: rule.value, actual, passed };
}

function checkAgainstProduction(
  params: GateParams,
  actual: number | null,
  productionValue: number | null,
): GateCheck {
  const lower = LOWER_IS_BETTER.has(params.metric);
  const required =
    productionValue === null ? null : productionValue + (lower ? -params.margin : params.margin);
  let passed = false;
  if (actual !== null && productionValue !== null) {
    const improvement = lower ? productionValue - actual : actual - productionValue;
    passed = improvement > params.margin + TOLERANCE;
  }
  return {
    check: PRODUCTION_CHECK,
    metric: params.metric,
    comparator: lower ? '<' : '>',
    required,
    actual,
    passed,
  };
}

function describeCheck(check: GateCheck): string {
  const verdict = check.passed ? 'pass' : 'FAIL';
  if (check.actual === null)
    return `${check.check}: ${check.metric} is missing from the metrics (or not a number): FAIL`;
  return `${check.check}: ${check.metric} ${format(check.actual)} ${check.comparator} ${format(check.required ?? Number.NaN)}: ${verdict}`;
}

function describeProductionCheck(
  check: GateCheck,
  production: ProductionModelMetrics,
  productionValue: number | null,
  margin: number,
): string {
  const version =
    typeof production.version === 'number' ? `v${production.version}` : `(${production.version})`;
  const who = `production ${production.name} ${version}${production.evaluatedOn ? ` (on ${production.evaluatedOn})` : ''}`;
  if (productionValue === null)
    return `better than production: ${who} has no ${check.metric} to compare with: FAIL`;
  if (check.actual === null)
    return `better than production: the candidate has no ${check.metric}: FAIL`;
  const delta = check.actual - productionValue;
  return (
    `better than production: ${check.metric} ${format(check.actual)} vs ${who} ${format(productionValue)} ` +
    `(${delta >= 0 ? '+' : ''}${format(delta)}; must improve by more than ${format(margin)}): ` +
    (check.passed ? 'pass' : 'FAIL')
  );
}

export function format(value: number): string {
  return Number(value.toFixed(4)).toString();
}
