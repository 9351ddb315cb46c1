import type { FamilyInput, FittedModel } from './model-family.js';
import { findModelFamily, MODEL_FAMILIES, SIMPLEST_FIRST } from './model-families.js';
import type { ModelTypeParam } from './family-params.js';
import type { ModelSelection } from './select-best-model.js';
import { selectBestModel } from './select-best-model.js';

/**
 * Fits the family params.yaml `model.type` names or, for `auto`, every family this build has
 * (simplest first) and keeps the best on the validation split, with how it chose.
 * @throws ParamsError when the family is not available
 */
export async function fitModel(
  type: ModelTypeParam,
  input: FamilyInput,
): Promise<{ model: FittedModel; selection: ModelSelection | null }> {
  if (type !== 'auto') return { model: await findModelFamily(type).fit(input), selection: null };
  const families = SIMPLEST_FIRST.flatMap((name) => MODEL_FAMILIES[name] ?? []);
  return selectBestModel(families, input);
}
