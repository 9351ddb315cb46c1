import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger, RunContext } from '../src/utils/run-context.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** A logger that records every line, for assertions. */
export function createRecordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => lines.push(`${level}: ${message}`);
  return {
    lines,
    info: record('info'),
    success: record('success'),
    warn: record('warn'),
    error: record('error'),
    note: (message, title) => lines.push(`note ${title}: ${message}`),
    progress: () => ({ start: record('start'), stop: record('stop'), fail: record('fail') }),
  };
}

/** Writes files (path -> text) under root. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * A small template in the stored layout: some of this repository's real files (params.yaml,
 * package.json) plus CI and Bicep files shaped like the ones the workspace will have.
 */
export const fixtureTemplate: Record<string, string> = {
  'package.json': readFileSync(join(repoRoot, 'package.json'), 'utf8'),
  'params.yaml': readFileSync(join(repoRoot, 'params.yaml'), 'utf8'),
  'libs/params/src/task-defaults.json': readFileSync(
    join(repoRoot, 'libs/params/src/task-defaults.json'),
    'utf8',
  ),
  _gitignore: 'node_modules/\n/data/\n',
  _npmrc: 'onnxruntime-node-install=skip\n',
  'README.md':
    '# modelship\n\nText.\n\n| `packages/create-modelship` | the scaffolder |\n| `libs/features` | features |\n',
  'apps/training/package.json':
    '{\n  "name": "@modelship/training",\n  "dependencies": { "@modelship/data-validation": "*" }\n}\n',
  'apps/training/src/train.ts':
    "import { inferSchema } from '@modelship/data-validation';\nexport const cli = 'modelship';\n",
  'data.dvc':
    'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  size: 10\n  nfiles: 1\n  hash: md5\n  path: data\n',
  '.github/workflows/cd.yml':
    'env:\n  AZURE_RESOURCE_GROUP: rg-modelship\n  AZURE_WEBAPP_NAME: app-modelship\n  ACR_NAME: acrmodelship\n  IMAGE_NAME: modelship-serving\n  CLIENT: ${{ vars.AZURE_CLIENT_ID }}\nsteps:\n  - run: docker build -t acrmodelship.azurecr.io/modelship-serving:${{ github.sha }} .\n  - run: npx modelship register --registry-url file:.modelship/registry\n  - run: echo ${{ secrets.GITHUB_TOKEN }} ${{ secrets.REGISTRY_PASSWORD }}\n',
  'azure-pipelines.yml':
    'variables:\n  resourceGroup: rg-modelship\n  storageAccountName: stmodelship\n  imageRepository: modelship-serving\nsteps:\n  - script: az webapp show --resource-group $(resourceGroup) --name $(AZURE_WEBAPP_NAME)\n',
  'deploy/azure/main.bicepparam':
    "using './main.bicep'\nparam webAppName = 'app-modelship'\nparam containerRegistryName = 'acrmodelship'\nparam storageAccountName = 'stmodelship'\n",
  'deploy/azure/main.bicep':
    "param webAppName string = 'app-modelship'\nparam location string = resourceGroup().location\n",
};

/** A fresh temporary folder holding the fixture template, and a context to run in it. */
export function createTestContext(template: Record<string, string> = fixtureTemplate) {
  const base = mkdtempSync(join(tmpdir(), 'create-modelship-test-'));
  const templateDir = join(base, 'template');
  const cwd = join(base, 'work');
  writeFiles(templateDir, template);
  mkdirSync(cwd);
  const log = createRecordingLogger();
  const context: RunContext = { cwd, env: { CI: 'true' }, stdinIsTTY: false, templateDir, log };
  return { base, cwd, context, log, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
