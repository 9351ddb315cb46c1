import { isTemplateFile, toStoredPath, toWorkspacePath } from './template-files.js';

describe('isTemplateFile', () => {
  it.each([
    ['package.json', true],
    ['apps/training/src/cli.ts', true],
    ['apps/training/bin/modelship.js', true],
    ['.github/workflows/ci.yml', true],
    ['azure-pipelines.yml', true],
    ['data.dvc', true],
    ['config/churn.schema.json', true],
    ['packages/create-modelship/package.json', false],
    ['.ci/run', false],
    ['tools/repo-checks/check.ts', false],
    ['tools/other/x.ts', true],
    ['data/churn.csv', false],
    ['.modelship/registry/index.json', false],
    ['apps/serving/dist/main.js', false],
    ['libs/features/node_modules/x/index.js', false],
    ['coverage/lcov.info', false],
    ['python/export_sklearn.py', true],
    ['python/README.md', true],
    ['python/__pycache__/export_sklearn.cpython-311.pyc', false],
  ])('%s -> %s', (path, expected) => {
    expect(isTemplateFile(path)).toBe(expected);
  });
});

describe('stored names', () => {
  it.each([
    ['.gitignore', '_gitignore'],
    ['apps/serving/.gitignore', 'apps/serving/_gitignore'],
    ['.npmrc', '_npmrc'],
    ['package-lock.json', '_package-lock.json'],
    ['package.json', 'package.json'],
    ['docs/.gitignore.md', 'docs/.gitignore.md'],
  ])('stores %s as %s and restores it', (real, stored) => {
    expect(toStoredPath(real)).toBe(stored);
    expect(toWorkspacePath(stored)).toBe(real);
  });
});
