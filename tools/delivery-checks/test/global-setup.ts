// Jest globalSetup (jest.config.js): builds or reuses a real trained bundle and registry for the
// delivery checks, made once by the training CLI (cached by content hash; see
// @modelship/model-bundle/testing), and tells the specs where it is.
import type * as Testing from '@modelship/model-bundle/testing';
import { require as tsxRequire } from 'tsx/cjs/api';

/** The name of the fixture's model in its registry. */
export const FIXTURE_MODEL_NAME = 'delivery';

export default async function globalSetup(): Promise<void> {
  // Jest requires a globalSetup outside its module mapper, so the library's NodeNext `.js`
  // imports are resolved by tsx.
  const testing = '@modelship/model-bundle/testing';
  const { buildModelFixture } = tsxRequire(testing, import.meta.url) as typeof Testing;
  const build = (dataset: 'churn' | 'multiclass' | 'regression') =>
    buildModelFixture({
      cacheDir: 'delivery-fixture',
      modelName: dataset === 'churn' ? FIXTURE_MODEL_NAME : `${FIXTURE_MODEL_NAME}-${dataset}`,
      dataPath: 'data/sample.csv',
      seed: 7,
      label: `delivery fixture (${dataset})`,
      inputs: ['tools/delivery-checks/test/global-setup.ts'],
      dataset,
    });
  // The sample's model, and one model per other task on generated data of another shape (for
  // the checks that must hold for every task, such as acceptance against the real service).
  const [churn, multiclass, regression] = await Promise.all([
    build('churn'),
    build('multiclass'),
    build('regression'),
  ]);
  process.env['DELIVERY_FIXTURE_DIR'] = churn.workspace;
  process.env['DELIVERY_FIXTURE_DIR_MULTICLASS'] = multiclass.workspace;
  process.env['DELIVERY_FIXTURE_DIR_REGRESSION'] = regression.workspace;
}
