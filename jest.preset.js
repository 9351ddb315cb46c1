// Shared Jest setup for every project: native ESM, TypeScript through @swc/jest.
// Projects call createJestConfig(import.meta.dirname) from their jest.config.js.
import { basename } from 'node:path';

/**
 * @param {string} rootDir the project's folder
 * @param {import('jest').Config} [overrides]
 * @returns {import('jest').Config}
 */
export function createJestConfig(rootDir, overrides = {}) {
  return {
    rootDir,
    displayName: basename(rootDir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    // Sources import siblings as './x.js' (NodeNext); Jest resolves them to './x.ts'.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testTimeout: 30_000,
    ...overrides,
  };
}
