import { createJestConfig } from '../../jest.preset.js';

export default createJestConfig(import.meta.dirname, {
  // Builds (or reuses) a real trained bundle and registry by running the training CLI once.
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120_000,
});
