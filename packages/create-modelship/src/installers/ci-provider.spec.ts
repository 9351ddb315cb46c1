import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CiProvider, ProjectOptions } from '../cli/project-options.js';
import { removeOtherCiDefinitions } from './ci-provider.js';

const FILES = [
  '.github/workflows/ci.yml',
  'tools/delivery-checks/src/ci/workflow-lint.spec.ts',
  'tools/delivery-checks/src/ci/action-pins.spec.ts',
  'tools/delivery-checks/src/ci/action-pins.json',
  'tools/delivery-checks/src/ci/check-action-pins.ts',
  'tools/delivery-checks/src/ci/ci-commands.spec.ts',
  'azure-pipelines.yml',
  'ci/azure/steps/setup.yml',
  'ci/watch-service.mjs',
  'Dockerfile',
];

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ci-provider-'));
  for (const file of FILES) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const kept = () => FILES.filter((file) => existsSync(join(root, file)));

describe('removeOtherCiDefinitions', () => {
  it.each<[CiProvider, string[]]>([
    ['both', FILES],
    [
      'github',
      [
        '.github/workflows/ci.yml',
        'tools/delivery-checks/src/ci/workflow-lint.spec.ts',
        'tools/delivery-checks/src/ci/action-pins.spec.ts',
        'tools/delivery-checks/src/ci/action-pins.json',
        'tools/delivery-checks/src/ci/check-action-pins.ts',
        'tools/delivery-checks/src/ci/ci-commands.spec.ts',
        'ci/watch-service.mjs',
        'Dockerfile',
      ],
    ],
    [
      'azure',
      [
        'tools/delivery-checks/src/ci/ci-commands.spec.ts',
        'azure-pipelines.yml',
        'ci/azure/steps/setup.yml',
        'ci/watch-service.mjs',
        'Dockerfile',
      ],
    ],
    ['none', ['Dockerfile']],
  ])('with --ci %s keeps only that provider’s pipelines, scripts and checks', (ci, expected) => {
    removeOtherCiDefinitions(root, { ci } as ProjectOptions);
    expect(kept()).toEqual(expected);
  });
});
