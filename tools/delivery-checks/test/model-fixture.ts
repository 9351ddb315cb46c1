// Where the delivery checks' model fixture is (built by test/global-setup.ts) and the workspace.
import type { ModelFixture } from '@modelship/model-bundle/testing';
import { describeModelFixture } from '@modelship/model-bundle/testing';

export type { ModelFixture } from '@modelship/model-bundle/testing';
export { WORKSPACE_ROOT } from '@modelship/model-bundle/testing';
export { FIXTURE_MODEL_NAME } from './global-setup.js';

/**
 * A fixture the Jest globalSetup built (read from the environment it set): the sample's binary
 * model by default, or the multiclass (tickets) or regression (listings) one.
 */
export function readModelFixture(
  dataset: 'churn' | 'multiclass' | 'regression' = 'churn',
): ModelFixture {
  const name =
    dataset === 'churn' ? 'DELIVERY_FIXTURE_DIR' : `DELIVERY_FIXTURE_DIR_${dataset.toUpperCase()}`;
  const workspace = process.env[name];
  if (!workspace) throw new Error(`${name} is not set: run the specs through jest.config.js.`);
  return describeModelFixture(workspace);
}
