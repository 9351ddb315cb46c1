// Jest globalSetup: a real model bundle and registry for the serving specs, made once by the
// training CLI (cached by content hash; see @modelship/model-bundle/testing).
import type * as Testing from '@modelship/model-bundle/testing';
import { require as tsxRequire } from 'tsx/cjs/api';

export default async function globalSetup(): Promise<void> {
  // Jest requires a globalSetup outside its module mapper, so the library's NodeNext `.js`
  // imports are resolved by tsx.
  const testing = '@modelship/model-bundle/testing';
  const { buildModelFixture } = tsxRequire(testing, import.meta.url) as typeof Testing;
  const fixture = await buildModelFixture({
    cacheDir: 'serving-fixture',
    modelName: 'churn',
    dataPath: 'data/churn.csv',
    seed: 42,
    label: 'serving fixture',
    inputs: ['apps/serving/test/global-setup.ts'],
  });
  process.env['SERVING_FIXTURE_DIR'] = fixture.workspace;
}
