// The models global-setup trains for the serving specs, by dataset, and where it leaves them.
// No imports: global-setup loads this file through tsx, outside Jest's module mapper.

/** Model name per fixture dataset: the churn sample, and one generated dataset per task. */
export const FIXTURE_MODELS = {
  churn: 'churn',
  binary: 'loans',
  multiclass: 'tickets',
  regression: 'listings',
} as const;

export type FixtureModel = keyof typeof FIXTURE_MODELS;

/** The environment variable holding a fixture workspace's path. */
export function fixtureEnvName(dataset: FixtureModel): string {
  return dataset === 'churn' ? 'SERVING_FIXTURE_DIR' : `SERVING_FIXTURE_DIR_${dataset.toUpperCase()}`;
}
