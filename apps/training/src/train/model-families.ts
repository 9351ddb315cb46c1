import { gbdtFamily } from '../gbdt/gbdt-family.js';
import { linearFamily } from './linear-family.js';
import { mlpFamily } from './mlp-family.js';
import type { ModelFamily, ModelType } from './model-family.js';

/** Every family params.yaml `model.type` can name: one line per family. */
export const MODEL_FAMILIES: Readonly<Record<ModelType, ModelFamily>> = {
  mlp: mlpFamily,
  gbdt: gbdtFamily,
  linear: linearFamily,
};

/** The families from the simplest: `auto` tries them in this order and a tie keeps the earlier. */
export const SIMPLEST_FIRST: readonly ModelType[] = ['linear', 'gbdt', 'mlp'];
