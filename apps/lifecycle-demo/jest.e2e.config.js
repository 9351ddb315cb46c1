import { createJestConfig } from '../../jest.preset.js';

// The whole lifecycle as separate processes: the training CLI, the service, traffic, rollouts.
export default createJestConfig(import.meta.dirname, {
  displayName: 'lifecycle-demo:e2e',
  testMatch: ['<rootDir>/src/run-lifecycle.spec.ts'],
  testTimeout: 600_000,
});
