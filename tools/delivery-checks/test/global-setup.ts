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
  const fixture = await buildModelFixture({
    cacheDir: 'delivery-fixture',
    modelName: FIXTURE_MODEL_NAME,
    dataPath: 'data/sample.csv',
    seed: 7,
    label: 'delivery fixture',
    inputs: ['tools/delivery-checks/test/global-setup.ts'],
  });
  process.env['DELIVERY_FIXTURE_DIR'] = fixture.workspace;
}
