import { scoreHeadlineMetric } from '../evaluate/score-headline-metric.js';
import { LOWER_IS_BETTER } from '../gate/gate-params.js';
import type { FamilyInput, FittedModel, ModelFamily, ModelType } from './model-family.js';

/** How `model.type: auto` chose: every candidate on the validation split, and the one kept. */
export interface ModelSelection {
  /** The task's headline metric (roc_auc, macro_f1, rmse), scored on the validation split. */
  metric: string;
  /** In the order tried, simplest first. */
  candidates: { type: ModelType; validation: number; trainSeconds: number }[];
  chosen: ModelType;
}

/**
 * Fits every family on the training split, scores each on the validation split by the task's
 * headline metric, and keeps the best; `families` come simplest first, and a tie (or a metric
 * that cannot be computed) keeps the earlier. The test split is never looked at.
 */
export async function selectBestModel(
  families: readonly ModelFamily[],
  input: FamilyInput,
): Promise<{ model: FittedModel; selection: ModelSelection }> {
  const { head, validation, log } = input;
  let best: { model: FittedModel; value: number } | null = null;
  const candidates: ModelSelection['candidates'] = [];
  let metric = '';
  for (const family of families) {
    const started = performance.now();
    const model = await family.fit(input);
    const trainSeconds = Math.round(performance.now() - started) / 1000;
    const score = scoreHeadlineMetric(head, validation.y, model.predict(validation.x, validation.rows));
    metric = score.metric;
    candidates.push({ type: family.type, validation: score.value, trainSeconds });
    log(`auto: ${family.type} ${metric} ${score.value.toFixed(4)} on the validation split (trained in ${trainSeconds.toFixed(1)} s)`);
    if (best === null || isBetter(metric, score.value, best.value)) best = { model, value: score.value };
  }
  if (best === null) throw new Error('model.type auto needs at least one model family to try.');
  log(`auto: kept ${best.model.type} (best ${metric} on the validation split)`);
  return { model: best.model, selection: { metric, candidates, chosen: best.model.type } };
}

// --- internal ---

// Strictly better in the metric's direction; NaN is never better, and anything beats NaN.
function isBetter(metric: string, value: number, best: number): boolean {
  if (Number.isNaN(value)) return false;
  if (Number.isNaN(best)) return true;
  return LOWER_IS_BETTER.has(metric) ? value < best : value > best;
}
