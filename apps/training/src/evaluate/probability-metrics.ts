/** Probabilities are clipped to [eps, 1 - eps] so one confident mistake cannot make log loss infinite. */
export const LOG_LOSS_EPSILON = 1e-15;

/** Mean binary cross-entropy (natural log) of clipped probabilities. */
export function computeLogLoss(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    // Clipping the probability of the observed class (not p itself) keeps 1 - p exact near 1.
    const observed = labels[i] === 1 ? probabilities[i] : 1 - probabilities[i];
    sum -= Math.log(Math.min(Math.max(observed, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON));
  }
  return sum / labels.length;
}

/** Mean squared difference between probability and 0/1 outcome. */
export function computeBrierScore(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}
