import type { SchemaNode } from './params-schema.js';
import { paramsSchema } from './params-schema.js';
import type { Params } from './params-types.js';

// Every key of T required, all the way down: the compiler makes `complete` name every key of
// Params, and the test below compares those keys with the schema's.
type Complete<T> = T extends unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]-?: Complete<NonNullable<T[K]>> }
    : T;

const complete: Complete<Params> = {
  task: 'binary',
  data: {
    path: 'data/a.csv',
    dvc: 'data.dvc',
    schema: 'config/a.schema.json',
    target: 'y',
    sample: { generator: 'churn', rows: 10, seed: 1 },
    source: {
      url: 'env:DATABASE_URL',
      query: 'select * from t',
      query_file: 'config/t.sql',
      incremental_column: 'id',
    },
  },
  split: { test: 0.2, validation: 0.1, seed: 1, stratify: true },
  validation: { report_dir: 'reports/validation', max_examples: 5 },
  drift: {
    bins: 10,
    psi_warn: 0.1,
    psi_alert: 0.25,
    ks_alert: 0.1,
    chi2_p_value: 0.01,
    min_samples: 100,
  },
  model: {
    name: 'm',
    type: 'gbdt',
    gbdt: {
      learning_rate: 0.1,
      max_trees: 10,
      early_stopping_rounds: 0,
      max_depth: 3,
      max_leaves: 8,
      min_rows_per_leaf: 1,
      l2: 0,
      row_subsample: 1,
      column_subsample: 1,
      max_bins: 16,
      class_weight: 'none',
    },
    linear: { l2: 1 },
    hidden_units: [8],
    activation: 'relu',
    dropout: 0,
    l2: 0,
    learning_rate: 0.01,
    epochs: 1,
    batch_size: 8,
    early_stopping_patience: 0,
    class_weight: 'none',
    loss: 'huber',
    huber_delta: 1,
    seed: 1,
    min_category_count: 1,
    max_categories: 5,
  },
  evaluate: { threshold: 0.5 },
  gate: { metric: 'roc_auc', margin: 0 },
  registry: { url: 'file:.modelship/registry' },
  feedback: { store: 'file:.modelship/feedback' },
  ct: {
    state: '.modelship/ct/state.json',
    drift: { max_psi: 0.2, min_window_rows: 500 },
    live: {
      min_accuracy: 0.7,
      min_roc_auc: 0.7,
      min_macro_f1: 0.6,
      max_rmse: 10,
      max_mae: 8,
      min_labelled_rows: 200,
    },
    new_labelled_rows: 2000,
    schedule: { max_model_age_days: 30 },
    ingest: { quarantine_dir: 'reports/quarantine', max_quarantine_share: 0.2 },
    rollout: {
      strategy: 'canary',
      shadow_ms: 1,
      shadow: {},
      canary: {},
      timeout_ms: 1,
      poll_ms: 1,
    },
  },
};

function schemaKeys(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...schemaKeys(child, `${prefix}${key}.`),
  ]);
}

function objectKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...(child !== null && typeof child === 'object' && !Array.isArray(child)
      ? objectKeys(child, `${prefix}${key}.`)
      : []),
  ]);
}

describe('Params', () => {
  it('has exactly the keys of params.schema.json', () => {
    expect(objectKeys(complete).sort()).toEqual(schemaKeys(paramsSchema).sort());
  });
});
