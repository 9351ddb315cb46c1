import { readFamilyParams } from './family-params.js';

describe('readFamilyParams', () => {
  it('reads the family and its blocks, with the defaults for keys left out', () => {
    expect(readFamilyParams({ name: 'm' })).toMatchObject({ type: 'mlp', linear: { l2: 1 }, gbdt: { learning_rate: 0.1 } });
    expect(readFamilyParams({ name: 'm', type: 'auto', linear: { l2: 0.5 }, gbdt: { max_trees: 7 } })).toMatchObject({
      type: 'auto',
      linear: { l2: 0.5 },
      gbdt: { max_trees: 7, learning_rate: 0.1 },
    });
  });

  it.each([
    ['type', 'xgboost', 'model.type must be one of mlp, gbdt, linear, auto, got "xgboost"'],
    ['linear', { l2: 0 }, 'model.linear.l2 must be a number > 0, got 0'],
    ['linear', { l2: -1 }, 'model.linear.l2 must be a number > 0, got -1'],
    ['gbdt', { learning_rate: 0 }, 'model.gbdt.learning_rate must be a number in (0, 1], got 0'],
  ])('refuses model.%s = %j, naming the key and the allowed range', (key, value, message) => {
    expect(() => readFamilyParams({ name: 'm', [key]: value })).toThrow(
      expect.objectContaining({ code: 'E_PARAMS', message: `params.yaml: ${message}` }),
    );
  });
});
