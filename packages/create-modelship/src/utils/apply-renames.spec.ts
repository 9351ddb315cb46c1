import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, fixtureTemplate, writeFiles } from '../../test/test-context.js';
import { applyRenames } from './apply-renames.js';

const names = {
  name: 'acme-churn',
  scope: 'acme',
  resourceGroup: 'rg-acme',
  webApp: 'web-acme',
  containerRegistry: 'acracme',
  storageAccount: 'stacme',
};

describe('applyRenames', () => {
  let test: ReturnType<typeof createTestContext>;
  let changed: string[];
  const read = (path: string) => readFileSync(join(test.cwd, path), 'utf8');

  beforeAll(() => {
    test = createTestContext({});
    writeFiles(test.cwd, fixtureTemplate);
    changed = applyRenames(test.cwd, names);
  });
  afterAll(() => test.cleanup());

  it('changes only the files that carry a name', () => {
    expect(changed.sort()).toEqual([
      '.github/workflows/cd.yml',
      'README.md',
      'apps/training/package.json',
      'apps/training/src/train.ts',
      'azure-pipelines.yml',
      'deploy/azure/main.bicep',
      'deploy/azure/main.bicepparam',
      'package.json',
    ]);
  });

  it('renames the npm scope in package names, dependencies and imports', () => {
    expect(JSON.parse(read('apps/training/package.json'))).toEqual({
      name: '@acme/training',
      dependencies: { '@acme/data-validation': '*' },
    });
    expect(read('apps/training/src/train.ts')).toContain("from '@acme/data-validation'");
    expect(read('apps/training/src/train.ts')).toContain("cli = 'modelship'");
    expect(JSON.parse(read('package.json')).name).toBe('@acme/source');
  });

  it('titles the README and drops the scaffolder row', () => {
    expect(read('README.md')).toMatchInlineSnapshot(`
      "# acme-churn

      Text.

      | \`libs/features\` | features |
      "
    `);
  });

  it('renames Azure resources and the image in CI variables, keeping the CLI and registry path', () => {
    expect(read('.github/workflows/cd.yml')).toMatchInlineSnapshot(`
      "env:
        AZURE_RESOURCE_GROUP: rg-acme
        AZURE_WEBAPP_NAME: web-acme
        ACR_NAME: acracme
        IMAGE_NAME: acme-churn-serving
        CLIENT: \${{ vars.AZURE_CLIENT_ID }}
      steps:
        - run: docker build -t acracme.azurecr.io/acme-churn-serving:\${{ github.sha }} .
        - run: npx modelship register --registry-url file:.modelship/registry
        - run: echo \${{ secrets.GITHUB_TOKEN }} \${{ secrets.REGISTRY_PASSWORD }}
      "
    `);
    expect(read('azure-pipelines.yml')).toMatchInlineSnapshot(`
      "variables:
        resourceGroup: rg-acme
        storageAccountName: stacme
        imageRepository: acme-churn-serving
      steps:
        - script: az webapp show --resource-group $(resourceGroup) --name $(AZURE_WEBAPP_NAME)
      "
    `);
  });

  it('renames Bicep parameters and defaults', () => {
    expect(read('deploy/azure/main.bicepparam')).toMatchInlineSnapshot(`
      "using './main.bicep'
      param webAppName = 'web-acme'
      param containerRegistryName = 'acracme'
      param storageAccountName = 'stacme'
      "
    `);
    expect(read('deploy/azure/main.bicep')).toContain("param webAppName string = 'web-acme'");
  });

  it('leaves a workspace without CI or Bicep files alone', () => {
    const bare = createTestContext({});
    writeFiles(bare.cwd, { 'package.json': '{"name":"x"}', 'params.yaml': 'a: 1\n' });
    expect(applyRenames(bare.cwd, names)).toEqual([]);
    bare.cleanup();
  });
});

describe('applyRenames on ARM parameter files', () => {
  it('renames values nested under "value"', () => {
    const test = createTestContext({});
    writeFiles(test.cwd, {
      'deploy/azure/main.parameters.json':
        '{\n  "parameters": {\n    "storageAccountName": {\n      "value": "stmodelship"\n    }\n  }\n}\n',
    });
    applyRenames(test.cwd, names);
    expect(
      JSON.parse(readFileSync(join(test.cwd, 'deploy/azure/main.parameters.json'), 'utf8')),
    ).toEqual({
      parameters: { storageAccountName: { value: 'stacme' } },
    });
    test.cleanup();
  });
});

describe('listFiles', () => {
  it('skips data/ and the registry at the root only, never a code folder named data', () => {
    const test = createTestContext({});
    writeFiles(test.cwd, {
      'data/churn.csv': 'a\n',
      '.modelship/registry/x.json': '{}',
      'node_modules/x/index.js': '',
      'apps/training/src/data/load.ts': "import '@modelship/features';\n",
    });
    applyRenames(test.cwd, names);
    expect(readFileSync(join(test.cwd, 'apps/training/src/data/load.ts'), 'utf8')).toBe(
      "import '@acme/features';\n",
    );
    test.cleanup();
  });
});

describe('applyRenames on the Dockerfile', () => {
  it('drops the copy of packages/, which a generated workspace does not have', () => {
    const test = createTestContext({});
    try {
      writeFiles(test.cwd, {
        Dockerfile: 'FROM node\nCOPY apps ./apps\nCOPY packages ./packages\nCOPY libs ./libs\n',
      });
      expect(applyRenames(test.cwd, names)).toEqual(['Dockerfile']);
      expect(readFileSync(join(test.cwd, 'Dockerfile'), 'utf8')).toBe(
        'FROM node\nCOPY apps ./apps\nCOPY libs ./libs\n',
      );
    } finally {
      test.cleanup();
    }
  });
});
