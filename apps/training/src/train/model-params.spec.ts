import { readFileSync } from 'node:fs';
import { PARAMS_SCHEMA_FILE } from '@modelship/params';
import { ACTIVATIONS, readModelParams } from './model-params.js';

describe('readModelParams', () => {
  it('reads params.yaml keys into typed params, with defaults for the rest', () => {
    expect(readModelParams({ name: 'churn', hidden_units: [8], epochs: 3, seed: 1 })).toEqual({
      name: 'churn',
      hiddenUnits: [8],
      activation: 'relu',
      dropout: 0,
      l2: 0,
      learningRate: 0.001,
      epochs: 3,
      batchSize: 256,
      earlyStoppingPatience: 0,
      classWeight: 'balanced',
      seed: 1,
      minCategoryCount: 5,
      maxCategories: 50,
    });
  });

  it.each([
    ['hidden_units', [0]],
    ['hidden_units', '32'],
    ['activation', 'swish'],
    ['dropout', 1],
    ['learning_rate', 0],
    ['epochs', 2.5],
    ['batch_size', -1],
    ['early_stopping_patience', -1],
    ['class_weight', 'auto'],
    ['seed', 'abc'],
  ])('refuses model.%s = %j', (key, value) => {
    expect(() => readModelParams({ name: 'm', seed: 1, [key]: value })).toThrow(
      expect.objectContaining({ code: 'E_PARAMS', path: expect.stringMatching(`^model.${key}`) }),
    );
  });

  it('says what it expected', () => {
    expect(() =>
      readModelParams({ name: 'm', seed: 1, activation: 'swish' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `"params.yaml: model.activation must be one of relu, tanh, sigmoid, elu, selu, softplus, linear, got "swish""`,
    );
  });

  it('offers exactly the activations params.schema.json allows', () => {
    const schema = JSON.parse(readFileSync(PARAMS_SCHEMA_FILE, 'utf8'));
    expect(schema.properties.model.properties.activation.enum).toEqual([...ACTIVATIONS]);
  });
});
