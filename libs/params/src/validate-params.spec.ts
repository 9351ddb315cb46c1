import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ParamsError } from './params-error.js';
import { validateParams, validateParamsSection } from './validate-params.js';

const workspaceParams = (): Record<string, unknown> =>
  parse(readFileSync(new URL('../../../params.yaml', import.meta.url), 'utf8'));

// The workspace's params.yaml with one key set (or removed, for `undefined`).
function withKey(path: string, value: unknown): Record<string, unknown> {
  const params = workspaceParams();
  const keys = path.split('.');
  let node = params;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return params;
}

describe('validateParams', () => {
  it('accepts the workspace params.yaml as it is', () => {
    expect(validateParams(workspaceParams())).toEqual(workspaceParams());
  });

  it.each([
    ['model.learning_rate', 0, 'params.yaml: model.learning_rate must be a number > 0, got 0'],
    [
      'model.gbdt',
      { learning_rate: 0 },
      'params.yaml: model.gbdt.learning_rate must be a number in (0, 1], got 0',
    ],
    [
      'model.gbdt',
      { max_depth: -1 },
      'params.yaml: model.gbdt.max_depth must be an integer in [1, 64], got -1',
    ],
    [
      'model.gbdt',
      { max_bins: 300 },
      'params.yaml: model.gbdt.max_bins must be an integer in [2, 255], got 300',
    ],
    [
      'model.type',
      'xgb',
      'params.yaml: model.type must be one of mlp, gbdt, linear, auto, got "xgb"',
    ],
    ['model.dropout', 1, 'params.yaml: model.dropout must be a number in [0, 1), got 1'],
    ['model.epochs', 2.5, 'params.yaml: model.epochs must be an integer >= 1, got 2.5'],
    ['model.batch_size', -1, 'params.yaml: model.batch_size must be an integer >= 1, got -1'],
    [
      'model.early_stopping_patience',
      -1,
      'params.yaml: model.early_stopping_patience must be an integer >= 0, got -1',
    ],
    ['model.seed', 'abc', 'params.yaml: model.seed must be an integer, got "abc"'],
    [
      'model.hidden_units',
      '32',
      'params.yaml: model.hidden_units must be a list of integers >= 1, got "32"',
    ],
    [
      'model.hidden_units',
      [32, 0],
      'params.yaml: model.hidden_units[1] must be an integer >= 1, got 0',
    ],
    [
      'model.activation',
      'swish',
      'params.yaml: model.activation must be one of relu, tanh, sigmoid, elu, selu, softplus, linear, got "swish"',
    ],
    [
      'model.class_weight',
      'auto',
      'params.yaml: model.class_weight must be one of balanced, none, got "auto"',
    ],
    [
      'model.learning_rat',
      0.1,
      'params.yaml: unknown key model.learning_rat; use name, type, gbdt, linear, hidden_units, activation, dropout, l2, learning_rate, epochs, batch_size, early_stopping_patience, class_weight, loss, huber_delta, seed, min_category_count or max_categories',
    ],
    [
      'data.target',
      undefined,
      'params.yaml: data.target is missing; it must be a non-empty string',
    ],
    ['data.path', '', 'params.yaml: data.path must be a non-empty string, got ""'],
    // The whole section, since a workspace made from the user's CSV has no `data.sample`.
    [
      'data.sample',
      { generator: 'churn', rows: 0, seed: 42 },
      'params.yaml: data.sample.rows must be an integer >= 1, got 0',
    ],
    [
      'data.source',
      { url: 'env:DATABASE_URL', querry: 'SELECT 1' },
      'params.yaml: unknown key data.source.querry; use url, query, query_file or incremental_column',
    ],
    [
      'data.source',
      { query: 'SELECT 1' },
      'params.yaml: data.source.url is missing; it must be a non-empty string',
    ],
    ['split.test', 1, 'params.yaml: split.test must be a number in [0, 1), got 1'],
    ['split.stratify', 'yes', 'params.yaml: split.stratify must be true or false, got "yes"'],
    ['split', undefined, 'params.yaml: split is missing; it must be a mapping of keys'],
    [
      'evaluate.threshold',
      1.5,
      'params.yaml: evaluate.threshold must be a number in [0, 1], got 1.5',
    ],
    [
      'gate.minimum_auc',
      0.7,
      'params.yaml: unknown key gate.minimum_auc; use metric, margin or min_<metric>, max_<metric>',
    ],
    ['gate.min_roc_auc', '0.7', 'params.yaml: gate.min_roc_auc must be a number, got "0.7"'],
    ['gate.metric', '', 'params.yaml: gate.metric must be a non-empty string, got ""'],
    ['gate.margin', -0.1, 'params.yaml: gate.margin must be a number >= 0, got -0.1'],
    [
      'ct.drift.max_psi',
      '0.2',
      'params.yaml: ct.drift.max_psi must be a number >= 0 or null, got "0.2"',
    ],
    [
      'ct.live.min_accuracy',
      1.5,
      'params.yaml: ct.live.min_accuracy must be a number in [0, 1] or null, got 1.5',
    ],
    [
      'ct.rollout.strategy',
      'blue',
      'params.yaml: ct.rollout.strategy must be one of canary, shadow_then_canary, got "blue"',
    ],
    ['ct', [], 'params.yaml: ct must be a mapping of keys, got []'],
    ['registry.url', 42, 'params.yaml: registry.url must be a non-empty string, got 42'],
  ])('refuses %s = %j: %s', (path, value, message) => {
    const params = withKey(path, value);
    expect(() => validateParams(params)).toThrow(new ParamsError(message));
  });

  it('carries the key path and the value on the error', () => {
    expect(() => validateParams(withKey('model.hidden_units', [32, 0]))).toThrow(
      expect.objectContaining({ code: 'E_PARAMS', path: 'model.hidden_units[1]', value: 0 }),
    );
    expect(() => validateParams(withKey('data.target', undefined))).toThrow(
      expect.objectContaining({ code: 'E_PARAMS', path: 'data.target', value: undefined }),
    );
  });

  it('switches a continuous-training trigger off with null', () => {
    expect(() => validateParams(withKey('ct.drift', null))).not.toThrow();
  });
});

describe('validateParamsSection', () => {
  it('checks only the section asked for, and passes an absent one', () => {
    const partial = { model: { name: 'churn' } };
    expect(validateParamsSection(partial, 'model')).toEqual({ name: 'churn' });
    expect(validateParamsSection(partial, 'registry')).toBeUndefined();
    expect(() => validateParamsSection({ model: { name: 7 } }, 'model')).toThrow(
      'params.yaml: model.name must be a non-empty string, got 7',
    );
  });
});
