import type { ChurnRow } from './churn-columns.js';
import { deterministicSigmoid } from './deterministic-math.js';
import type { Random } from './random.js';

type ChurnFeatures = Omit<ChurnRow, 'churned' | 'customer_id'>;

const CONTRACT_EFFECT: Record<ChurnRow['contract_type'], number> = {
  'month-to-month': 0.9,
  'one-year': -0.3,
  'two-year': -1.4,
};
const INTERNET_EFFECT: Record<ChurnRow['internet_service'], number> = {
  fiber: 0.45,
  dsl: 0,
  none: -0.7,
};

/** Intercept chosen so that about 25% of customers churn. */
const INTERCEPT = -1.85;

/**
 * The log-odds of churning: effects of the features, several of them non-linear or interacting
 * (what a network can learn and a logistic regression on the raw features cannot), plus a hidden
 * dissatisfaction (`latent`) that the data shows only through noisy proxies, so a good model
 * reaches a ROC AUC in the mid to high 0.80s, never 0.99.
 */
export function computeChurnLogit(features: ChurnFeatures, latent: number): number {
  const monthToMonth = features.contract_type === 'month-to-month';
  let logit = INTERCEPT;
  logit += CONTRACT_EFFECT[features.contract_type];
  logit += INTERNET_EFFECT[features.internet_service];
  if (monthToMonth && features.internet_service === 'fiber') logit += 0.35;
  // Churn risk falls fastest in the first year of tenure.
  logit -= 1.6 * Math.sqrt(features.tenure_months / 72);
  // Only customers free to leave react to the price.
  logit += (monthToMonth ? 0.035 : -0.01) * (features.monthly_charges - 65);
  // Young and elderly customers churn more than the middle-aged (a U, not a slope).
  const ageShape = (features.age - 44) / 20;
  logit += 1.1 * ageShape * ageShape - 0.45;
  // Paying for fiber and hardly using it.
  if (features.internet_service === 'fiber' && (features.avg_data_gb ?? 38) < 15) logit += 1.1;
  // Unhappy customers who keep calling support are about to leave.
  const unhappy = features.satisfaction_score !== null && features.satisfaction_score <= 2;
  if (unhappy && features.support_calls_90d >= 2) logit += 1.2;
  if (features.payment_method === 'electronic-check') logit += 0.45;
  if (features.paperless_billing) logit += 0.15;
  if (features.has_partner) logit -= 0.15;
  if (features.has_dependents) logit -= 0.25;
  logit += 0.12 * Math.min(features.support_calls_90d, 6);
  logit += 0.2 * Math.min(features.late_payments_12m, 5);
  return logit + 0.7 * latent;
}

/** Draws the binary label from the logit (Bernoulli noise on top of the hidden factor). */
export function drawChurned(features: ChurnFeatures, latent: number, random: Random): 0 | 1 {
  return random.bernoulli(deterministicSigmoid(computeChurnLogit(features, latent))) ? 1 : 0;
}
