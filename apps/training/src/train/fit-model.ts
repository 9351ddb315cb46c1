import type { FamilyInput, FittedModel } from './model-family.js';
import { MODEL_FAMILIES, SIMPLEST_FIRST } from './model-families.js';
import type { ModelTypeParam } from './family-params.js';
import type { ModelSelection } from './select-best-model.js';
import { selectBestModel } from './select-best-model.js';

/**
 * Fits the family params.yaml `model.type` names or, for `auto`, every family
 * (simplest first) and keeps the best on the validation split, with how it chose.
 */
export async function fitModel(
  type: ModelTypeParam,
  input: FamilyInput,
): Promise<{ model: FittedModel; selection: ModelSelection | null }> {
  if (type !== 'auto') return { model: await MODEL_FAMILIES[type].fit(input), selection: null };
  const families = SIMPLEST_FIRST.map((name) => MODEL_FAMILIES[name]);
  return selectBestModel(families, input);
}
