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
  const { IMPORTED_FIXTURES, buildNotebookBundle, importedEnvName, writeImportedBundle } =
    tsxRequire(imported, import.meta.url) as typeof Imported;
  // The training side's NOTEBOOK models, loaded by path as the training CLI is run by path.
  const notebook = join(WORKSPACE_ROOT, 'apps/training/src/import/testing/notebook-models.ts');
  const { writeNotebookModel } = tsxRequire(notebook, import.meta.url) as {
    writeNotebookModel: Imported.WriteNotebookModel;
  };
  const cacheRoot = join(WORKSPACE_ROOT, 'tmp', 'serving-fixture', 'imported');
  for (const [name, { trained, source }] of Object.entries(IMPORTED_FIXTURES)) {
    const fixture = name as Imported.ImportedFixture;
    const trainedWorkspace = process.env[fixtureEnvName(trained)] ?? '';
    let bundle: string;
    if (source === 'notebook') {
      bundle = await buildNotebookBundle({
        kind: fixture as (typeof Imported.NOTEBOOK_FIXTURES)[number],
        trainedWorkspace,
        cacheRoot,
        workspaceRoot: WORKSPACE_ROOT,
        writeNotebookModel,
      });
    } else {
      bundle = join(cacheRoot, name);
      const { bundleDir } = describeModelFixture(trainedWorkspace);
      await writeImportedBundle(fixture as 'loans' | 'loans-inverted', bundleDir, bundle);
    }
    process.env[importedEnvName(fixture)] = bundle;
  }
}
