// Jest globalSetup: real model bundles and registries for the serving specs, made once by the
// training CLI (cached by content hash; see @modelship/model-bundle/testing): the churn sample's
// model, one model per task trained on a generated dataset of another shape, and gradient-boosted
// trees on the churn sample; then the imported (raw-input) bundles built over trained ones.
import { join } from 'node:path';
import type * as Testing from '@modelship/model-bundle/testing';
import { require as tsxRequire } from 'tsx/cjs/api';
import type * as Models from './fixture-models.js';
import type * as Imported from './imported-fixtures.js';

export default async function globalSetup(): Promise<void> {
  // Jest requires a globalSetup outside its module mapper, so the library's NodeNext `.js`
  // imports are resolved by tsx.
  const testing = '@modelship/model-bundle/testing';
  const { buildModelFixture, describeModelFixture, WORKSPACE_ROOT } = tsxRequire(
    testing,
    import.meta.url,
  ) as typeof Testing;
  const models = './fixture-models.ts';
  const { FIXTURE_MODELS, FIXTURE_TRAINING, fixtureEnvName } = tsxRequire(
    models,
    import.meta.url,
  ) as typeof Models;
  const build = (fixture: Models.FixtureModel) =>
    buildModelFixture({
      cacheDir: 'serving-fixture',
      modelName: FIXTURE_MODELS[fixture],
      dataPath: 'data/churn.csv',
      seed: 42,
      label: `serving fixture (${fixture})`,
      inputs: ['apps/serving/test/global-setup.ts', 'apps/serving/test/fixture-models.ts'],
      ...FIXTURE_TRAINING[fixture],
    }).then((built) => {
      process.env[fixtureEnvName(fixture)] = built.workspace;
    });
  // Two at a time: each build is one training process (the trees' is the quickest).
  await Promise.all([build('churn'), build('binary')]);
  await Promise.all([build('multiclass'), build('regression'), build('gbdt')]);
  const imported = './imported-fixtures.ts';
  const { IMPORTED_FIXTURES, importedEnvName, writeImportedBundle } = tsxRequire(
    imported,
    import.meta.url,
  ) as typeof Imported;
  for (const [name, { trained }] of Object.entries(IMPORTED_FIXTURES)) {
    const fixture = name as Imported.ImportedFixture;
    const dir = join(WORKSPACE_ROOT, 'tmp', 'serving-fixture', 'imported', name);
    const { bundleDir } = describeModelFixture(process.env[fixtureEnvName(trained)] ?? '');
    await writeImportedBundle(fixture, bundleDir, dir);
    process.env[importedEnvName(fixture)] = dir;
  }
}
