import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CiProvider, ProjectOptions } from '../cli/project-options.js';
import type { Installer } from './installer.js';

/** The files that define each provider's pipelines, and their checks; absent ones are skipped. */
const CI_DEFINITIONS: Record<Exclude<CiProvider, 'both' | 'none'>, readonly string[]> = {
  github: [
    '.github',
    'tools/delivery-checks/src/ci/workflow-lint.spec.ts',
    'tools/delivery-checks/src/ci/action-pins.spec.ts',
    'tools/delivery-checks/src/ci/action-pins.json',
    'tools/delivery-checks/src/ci/check-action-pins.ts',
  ],
  azure: ['azure-pipelines.yml', 'ci/azure'],
};

/** Used by every provider's pipelines (and checked with them): kept while one provider is. */
const SHARED_CI_FILES = ['ci', 'tools/delivery-checks/src/ci'];

function keeps(choice: CiProvider, provider: keyof typeof CI_DEFINITIONS): boolean {
  return choice === 'both' || choice === provider;
}

export function removeOtherCiDefinitions(root: string, options: ProjectOptions): void {
  for (const [provider, paths] of Object.entries(CI_DEFINITIONS)) {
    if (keeps(options.ci, provider as keyof typeof CI_DEFINITIONS)) continue;
    for (const path of paths) rmSync(join(root, path), { recursive: true, force: true });
  }
  if (options.ci === 'none') {
    for (const path of SHARED_CI_FILES) rmSync(join(root, path), { recursive: true, force: true });
  }
}

/** Leaves out the pipelines of the CI providers not chosen. */
export const ciProvider: Installer = {
  name: 'CI provider',
  inUse: (options) => options.ci !== 'both',
  installer: removeOtherCiDefinitions,
};
