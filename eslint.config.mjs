// Lint rules for every project, with the Nx module boundaries that keep the architecture honest:
//   type:app          may use data-access and util libraries, never another app
//   type:data-access  may use util libraries only
//   type:util         may use util libraries only
//   scope:data        data validation, versioning and the sample: no ML runtime, no web server
//   scope:model       features, bundle, registry: may use scope:data
//   scope:training    may use scope:data and scope:model
//   scope:serving     may use scope:data, scope:model and scope:contract, never training code
//   scope:contract    the serving boundary's shapes and names: no other project, no runtime
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

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
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'scope:data',
              onlyDependOnLibsWithTags: ['scope:data'],
              bannedExternalImports: [
                '@tensorflow/*',
                'onnxruntime-node',
                'onnxruntime-*',
                'express',
              ],
            },
            { sourceTag: 'scope:model', onlyDependOnLibsWithTags: ['scope:model', 'scope:data'] },
            {
              sourceTag: 'scope:training',
              onlyDependOnLibsWithTags: [
                'scope:training',
                'scope:model',
                'scope:data',
                'scope:contract',
              ],
            },
            {
              sourceTag: 'scope:serving',
              onlyDependOnLibsWithTags: [
                'scope:serving',
                'scope:model',
                'scope:data',
                'scope:contract',
              ],
            },
            {
              sourceTag: 'scope:contract',
              onlyDependOnLibsWithTags: ['scope:contract'],
              bannedExternalImports: ['@tensorflow/*', 'onnxruntime-*', 'express', 'prom-client'],
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
    // In a test, a missing value fails the test with a TypeError either way; `!` keeps tables short.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
];
