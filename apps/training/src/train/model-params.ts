import { readSchemaDefaults, validateParamsSection } from '@modelship/params';

/** Activations the ONNX export can write (each maps to one ONNX operator, or none for linear). */
export const ACTIVATIONS = [
  'relu',
  'tanh',
  'sigmoid',
  'elu',
  'selu',
  'softplus',
  'linear',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** params.yaml `model`, checked and typed. */
export interface ModelParams {
  name: string;
  hiddenUnits: number[];
  activation: Activation;
  dropout: number;
  l2: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  /** Epochs without a better validation loss before stopping; 0 never stops early. */
  earlyStoppingPatience: number;
  classWeight: 'balanced' | 'none';
  seed: number;
  /** Categories seen fewer times in training go to the out-of-vocabulary bucket. */
  minCategoryCount: number;
  /** Largest one-hot vocabulary per categorical column. */
  maxCategories: number;
}

/**
 * Reads params.yaml `model`, with the defaults params.schema.json declares for keys left out.
 * @throws ParamsError naming the key, the value and what is allowed
 */
export function readModelParams(model: Readonly<Record<string, unknown>>): ModelParams {
  const checked = { ...readSchemaDefaults('model'), ...validateParamsSection({ model }, 'model') };
  return {
    name: checked.name,
    hiddenUnits: checked.hidden_units,
    activation: checked.activation,
    dropout: checked.dropout,
    l2: checked.l2,
    learningRate: checked.learning_rate,
    epochs: checked.epochs,
    batchSize: checked.batch_size,
    earlyStoppingPatience: checked.early_stopping_patience,
    classWeight: checked.class_weight,
    seed: checked.seed,
    minCategoryCount: checked.min_category_count,
    maxCategories: checked.max_categories,
  } as ModelParams;
}
