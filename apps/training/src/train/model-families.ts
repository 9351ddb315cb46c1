import { ParamsError } from '@modelship/params';
import { linearFamily } from './linear-family.js';
import { mlpFamily } from './mlp-family.js';
import type { ModelFamily, ModelType } from './model-family.js';

/** Every family params.yaml `model.type` can name: one line per family. */
export const MODEL_FAMILIES: Readonly<Partial<Record<ModelType, ModelFamily>>> = {
  mlp: mlpFamily,
  linear: linearFamily,
};

/** The families from the simplest: `auto` tries them in this order and a tie keeps the earlier. */
export const SIMPLEST_FIRST: readonly ModelType[] = ['linear', 'gbdt', 'mlp'];

/**
 * The family `model.type` names.
 * @throws ParamsError when this build has no such family
 */
export function findModelFamily(type: ModelType): ModelFamily {
  const family = MODEL_FAMILIES[type];
  if (!family) {
    const known = SIMPLEST_FIRST.filter((name) => MODEL_FAMILIES[name]).join(', ');
    throw new ParamsError(`params.yaml: model.type ${type} is not available in this build; use ${known} or auto`, 'model.type', type);
  }
  return family;
}
