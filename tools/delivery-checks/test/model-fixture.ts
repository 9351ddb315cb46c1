// Where the delivery checks' model fixture is (built by test/global-setup.ts) and the workspace.
import type { ModelFixture } from '@modelship/model-bundle/testing';
import { describeModelFixture } from '@modelship/model-bundle/testing';

export type { ModelFixture } from '@modelship/model-bundle/testing';
export { WORKSPACE_ROOT } from '@modelship/model-bundle/testing';
export { FIXTURE_MODEL_NAME } from './global-setup.js';

/** The fixture the Jest globalSetup built (read from the environment it set). */
export function readModelFixture(): ModelFixture {
  const workspace = process.env['DELIVERY_FIXTURE_DIR'];
  if (!workspace)
    throw new Error('DELIVERY_FIXTURE_DIR is not set: run the specs through jest.config.js.');
  return describeModelFixture(workspace);
}
