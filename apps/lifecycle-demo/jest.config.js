import { createJestConfig } from '../../jest.preset.js';

// Unit specs only: the multi-process scenario (about 90 s) is the e2e target (jest.e2e.config.js).
export default createJestConfig(import.meta.dirname, {
  testPathIgnorePatterns: ['/node_modules/', '/src/run-lifecycle\\.spec\\.ts$'],
});
