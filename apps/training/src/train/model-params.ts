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

export class ModelParamsError extends Error {
  override readonly name = 'ModelParamsError';
  readonly code = 'E_MODEL_PARAMS';

  constructor(
    readonly key: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(
      `params.yaml: \`model.${key}\` must be ${expected}, got ${JSON.stringify(value) ?? String(value)}. Fix it in params.yaml.`,
    );
  }
}

/** Reads params.yaml `model`, with the defaults documented there for keys left out. */
export function readModelParams(model: Record<string, unknown>): ModelParams {
  const hiddenUnits = model['hidden_units'] ?? [32, 16];
  if (
    !Array.isArray(hiddenUnits) ||
    !hiddenUnits.every((units) => Number.isInteger(units) && units > 0)
  ) {
    throw new ModelParamsError(
      'hidden_units',
      hiddenUnits,
      'a list of positive integers, like [32, 16]',
    );
  }
  const activation = model['activation'] ?? 'relu';
  if (!ACTIVATIONS.includes(activation as Activation)) {
    throw new ModelParamsError('activation', activation, `one of ${ACTIVATIONS.join(', ')}`);
  }
  const classWeight = model['class_weight'] ?? 'balanced';
  if (classWeight !== 'balanced' && classWeight !== 'none') {
    throw new ModelParamsError('class_weight', classWeight, '"balanced" or "none"');
  }
  return {
    name: readString(model, 'name', 'model'),
    hiddenUnits: hiddenUnits as number[],
    activation: activation as Activation,
    dropout: readNumber(model, 'dropout', 0, (v) => v >= 0 && v < 1, 'a number in [0, 1)'),
    l2: readNumber(model, 'l2', 0, (v) => v >= 0, 'a number >= 0'),
    learningRate: readNumber(model, 'learning_rate', 0.001, (v) => v > 0, 'a number > 0'),
    epochs: readNumber(model, 'epochs', 30, isPositiveInteger, 'a positive integer'),
    batchSize: readNumber(model, 'batch_size', 256, isPositiveInteger, 'a positive integer'),
    earlyStoppingPatience: readNumber(
      model,
      'early_stopping_patience',
      0,
      (v) => Number.isInteger(v) && v >= 0,
      'an integer >= 0',
    ),
    classWeight,
    seed: readNumber(model, 'seed', 42, Number.isInteger, 'an integer'),
    minCategoryCount: readNumber(
      model,
      'min_category_count',
      5,
      isPositiveInteger,
      'a positive integer',
    ),
    maxCategories: readNumber(model, 'max_categories', 50, isPositiveInteger, 'a positive integer'),
  };
}

// --- internal ---

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function readNumber(
  model: Record<string, unknown>,
  key: string,
  fallback: number,
  valid: (value: number) => boolean,
  expected: string,
): number {
  const value = model[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
    throw new ModelParamsError(key, value, expected);
  }
  return value;
}

function readString(model: Record<string, unknown>, key: string, fallback: string): string {
  const value = model[key] ?? fallback;
  if (typeof value !== 'string' || value === '')
    throw new ModelParamsError(key, value, 'a non-empty string');
  return value;
}
