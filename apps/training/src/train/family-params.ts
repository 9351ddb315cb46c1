import { readSchemaDefaults, validateParamsSection } from '@modelship/params';
import type { ModelType } from './model-family.js';

/** params.yaml `model.type`: a family, or `auto` to let the validation split choose one. */
export type ModelTypeParam = ModelType | 'auto';

/** params.yaml `model.type` and the family blocks, checked, with the schema's defaults. */
export interface FamilyParams {
  type: ModelTypeParam;
  /** `model.linear`: the linear family's L2 penalty on the weights. */
  linear: { l2: number };
  /** `model.gbdt` as params.yaml names its keys (the GBDT trainer reads it typed). */
  gbdt: Record<string, unknown>;
}

/**
 * Reads params.yaml `model.type`, `model.linear` and `model.gbdt`, with the defaults
 * params.schema.json declares for keys left out.
 * @throws ParamsError naming the key, the value and what is allowed
 */
export function readFamilyParams(model: Readonly<Record<string, unknown>>): FamilyParams {
  const checked = validateParamsSection({ model }, 'model');
  return {
    type: checked?.type ?? (readSchemaDefaults('model')['type'] as ModelTypeParam),
    linear: { ...readSchemaDefaults('model', 'linear'), ...checked?.linear } as FamilyParams['linear'],
    gbdt: { ...readSchemaDefaults('model', 'gbdt'), ...checked?.gbdt },
  };
}
