import { createJestConfig } from '../../jest.preset.js';

export default createJestConfig(import.meta.dirname, {
  // Builds (or reuses) a real bundle and registry by running the training CLI once.
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60_000,
});
