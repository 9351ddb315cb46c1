// Lint rules for every project, with the Nx module boundaries that keep the architecture honest:
//   type:app          may use feature, data-access and util libraries, never another app
//   type:feature      a domain's logic (continuous training): may use data-access and util libraries
//   type:data-access  may use util libraries only
//   type:util         may use util libraries only
//   scope:shared      libs/core: every project may use it; it uses nothing
//   scope:data        data validation, versioning, sources (SQL), params and the sample: no ML runtime, no web server
//   scope:model       features, bundle, registry: may use scope:data
//   scope:contract    the serving boundary's shapes and names: no other project, no runtime
//   scope:report      SVG charts: plain TypeScript, may use nothing else in the workspace
//   scope:ct          continuous training (triggers, ingest, rollout): scope:data, scope:model, scope:contract
//   scope:training    may use scope:ct, scope:report, scope:contract, scope:data and scope:model
//   scope:demo        the lifecycle demo: the same as training
//   scope:serving     may use scope:data, scope:model and scope:contract, never training code
// And no import cycles: between projects (Nx) nor between files, type-only imports included
// (modelship/no-import-cycle, in tools/lint-rules).
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { modelshipRules } from './tools/lint-rules/src/no-import-cycle.mjs';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      'data/**',
      '.modelship/**',
      '.nx/**',
      '**/tmp/**',
    ],
  },
  {
    files: ['**/src/**/*.ts', '**/test/**/*.ts', '**/bench/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'scope:data',
              onlyDependOnLibsWithTags: ['scope:data', 'scope:shared'],
              bannedExternalImports: [
                '@tensorflow/*',
                'onnxruntime-node',
                'onnxruntime-*',
                'express',
              ],
            },
            {
              sourceTag: 'scope:model',
              onlyDependOnLibsWithTags: ['scope:model', 'scope:data', 'scope:shared'],
            },
            {
              sourceTag: 'scope:contract',
              onlyDependOnLibsWithTags: ['scope:contract', 'scope:shared'],
              bannedExternalImports: ['@tensorflow/*', 'onnxruntime-*', 'express', 'prom-client'],
            },
            {
              sourceTag: 'scope:report',
              onlyDependOnLibsWithTags: ['scope:report', 'scope:shared'],
              bannedExternalImports: [
                '@tensorflow/*',
                'onnxruntime-node',
                'onnxruntime-*',
                'express',
              ],
            },
            {
              sourceTag: 'scope:ct',
              onlyDependOnLibsWithTags: [
                'scope:ct',
                'scope:contract',
                'scope:model',
                'scope:data',
                'scope:shared',
              ],
            },
            ...['scope:training', 'scope:demo'].map((sourceTag) => ({
              sourceTag,
              onlyDependOnLibsWithTags: [
                sourceTag,
                'scope:ct',
                'scope:report',
                'scope:contract',
                'scope:model',
                'scope:data',
                'scope:shared',
              ],
            })),
            {
              sourceTag: 'scope:serving',
              onlyDependOnLibsWithTags: [
                'scope:serving',
                'scope:contract',
                'scope:model',
                'scope:data',
                'scope:shared',
              ],
            },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A file-level import cycle (a > b > a) makes load order matter and blurs which module owns
    // what; Nx only sees cycles between projects, and import-x/no-cycle skips type imports.
    files: ['**/*.ts', '**/*.mts', '**/*.js', '**/*.mjs'],
    plugins: { modelship: modelshipRules },
    rules: { 'modelship/no-import-cycle': 'error' },
  },
  {
    // In a test, a missing value fails the test with a TypeError either way; `!` keeps tables short.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
];
