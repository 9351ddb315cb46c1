// The models global-setup trains for the serving specs, by dataset, and where it leaves them.
// No imports: global-setup loads this file through tsx, outside Jest's module mapper.

/**
 * Model name per fixture: the churn sample's network, one network per task on a generated
 * dataset, and gradient-boosted trees on the churn sample (`gbdt`: the same model name as
 * `churn`, so it registers as another version of it).
 */
export const FIXTURE_MODELS = {
  churn: 'churn',
  binary: 'loans',
  multiclass: 'tickets',
  regression: 'listings',
  gbdt: 'churn',
} as const;

export type FixtureModel = keyof typeof FIXTURE_MODELS;

/** What each fixture is trained on, and the params.yaml `model` keys it sets. */
export const FIXTURE_TRAINING: Readonly<
  Record<
    FixtureModel,
    { dataset: 'churn' | 'binary' | 'multiclass' | 'regression'; model?: Record<string, unknown> }
  >
> = {
  churn: { dataset: 'churn' },
  binary: { dataset: 'binary' },
  multiclass: { dataset: 'multiclass' },
  regression: { dataset: 'regression' },
  gbdt: { dataset: 'churn', model: { type: 'gbdt' } },
};

/** The environment variable holding a fixture workspace's path. */
export function fixtureEnvName(dataset: FixtureModel): string {
  return dataset === 'churn'
    ? 'SERVING_FIXTURE_DIR'
    : `SERVING_FIXTURE_DIR_${dataset.toUpperCase()}`;
}
