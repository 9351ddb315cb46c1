import { createJestConfig } from '../../jest.preset.js';

// template/ (built at pack time) holds a copy of the whole workspace: keep Jest out of it.
export default createJestConfig(import.meta.dirname, {
  modulePathIgnorePatterns: ['<rootDir>/template/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/template/'],
});
